using System.Reflection;
using Refit;

namespace OpenAiApi.Refit.Internal;

/// <summary>
/// Refit's URL parameter formatter, which sees every path and query value before the URL is built: path ids (every
/// parameter named <c>…Id</c>) and id-valued query keys must be safe ids, and <c>limit</c> must be 1–100. An
/// <see cref="ArgumentException"/> thrown here reaches the caller unwrapped and no request is sent.
/// </summary>
internal sealed class ValidatingUrlParameterFormatter : IUrlParameterFormatter
{
    private readonly DefaultUrlParameterFormatter _inner = new();

    public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type)
    {
        string? name = attributeProvider switch
        {
            ParameterInfo parameter => parameter.Name,
            PropertyInfo property => property.Name,
            _ => null,
        };

        if (name is not null)
        {
            if (attributeProvider is ParameterInfo && name.EndsWith("Id", StringComparison.Ordinal))
            {
                RequestValidation.ValidateId(value as string, name);
            }
            else if (attributeProvider is PropertyInfo && name is "After" or "Before" or "RunId" && value is string cursor)
            {
                RequestValidation.ValidateId(cursor, ToQueryName(name));
            }
            else if (attributeProvider is PropertyInfo && name == "Limit" && value is int limit)
            {
                RequestValidation.ValidateLimit(limit, "limit");
            }
        }

        return _inner.Format(value, attributeProvider, type);
    }

    private static string ToQueryName(string name) => name == "RunId" ? "run_id" : name.ToLowerInvariant();
}
