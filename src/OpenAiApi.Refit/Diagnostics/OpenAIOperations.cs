namespace OpenAiApi.Refit.Diagnostics;

/// <summary>Names the operation of a request from the interface method Refit's generated code records on it
/// (<c>HttpRequestMessageOptions.MethodName</c>): the GenAI conventions' well-known <c>gen_ai.operation.name</c> where one applies
/// (<c>create_agent</c> for create-assistant, <c>invoke_agent</c> for the calls that start a run, streaming or not), else the spec's
/// operationId in snake case, which the method names follow (<c>ListRunStepsAsync</c> is <c>list_run_steps</c>).</summary>
internal static class OpenAIOperations
{
    /// <summary>The name used for a request that did not come through the Refit interfaces.</summary>
    public const string Unknown = "assistants_request";

    private const string AsyncSuffix = "Async";
    private const string StreamSuffix = "StreamResponse";

    /// <summary>The names computed so far, one per interface method (23 at most): no allocation per request.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>Gets the operation name of the interface method <paramref name="methodName"/>.</summary>
    public static string NameOf(string? methodName) =>
        string.IsNullOrEmpty(methodName) ? Unknown : Names.GetOrAdd(methodName, static m => Compute(m));

    private static string Compute(string methodName)
    {
        ReadOnlySpan<char> name = methodName.AsSpan();
        if (name.EndsWith(AsyncSuffix, StringComparison.Ordinal))
        {
            name = name[..^AsyncSuffix.Length];
        }

        if (name.EndsWith(StreamSuffix, StringComparison.Ordinal))
        {
            name = name[..^StreamSuffix.Length];
        }

        return name switch
        {
            "" => Unknown,
            "CreateAssistant" => OpenAITelemetry.CreateAgentOperation,
            "CreateRun" or "CreateThreadAndRun" => OpenAITelemetry.InvokeAgentOperation,
            _ => SnakeCase(name),
        };
    }

    private static string SnakeCase(ReadOnlySpan<char> name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
