using System.Reflection;
using Refit;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Refit's URL parameter formatter, which sees every path and query value before the URL is built. Path values (all of them
/// ids in this API) must be safe ids; string values of a query object (the <c>after</c>/<c>before</c> cursors and the
/// <c>run_id</c> filter) too; an <see cref="int"/> query value (<c>limit</c>) must be 1–100. The exception thrown here
/// reaches the caller unwrapped and no request is sent.
/// </summary>
/// <remarks>Refit's generated code passes no parameter metadata for path values, so the exception names the kind of value
/// (<c>id</c>, <c>cursor</c>, <c>limit</c>) and quotes it, rather than the C# parameter name.</remarks>
internal sealed class ValidatingUrlParameterFormatter : IUrlParameterFormatter
{
    private readonly DefaultUrlParameterFormatter _inner = new();

    public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type)
    {
        bool isQuery = attributeProvider?.IsDefined(typeof(QueryAttribute), inherit: true) == true;
        if (value is string text)
        {
            // Every id and cursor: Refit's default formatter emits a string verbatim whatever its format, so it is not asked
            // (which would look the attributes up again and resolve a format for nothing).
            RequestValidation.ValidateId(text, isQuery ? "cursor" : "id");
            return text;
        }

        if (!isQuery)
        {
            RequestValidation.ValidateId(value?.ToString(), "id");
        }
        else if (value is int limit)
        {
            RequestValidation.ValidateLimit(limit, "limit");
        }

        return _inner.Format(value, attributeProvider!, type);
    }
}
