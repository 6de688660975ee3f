using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Diagnostics;

/// <summary>The library's <see cref="ActivitySource"/>, <see cref="Meter"/> and instruments, and the OpenTelemetry GenAI
/// semantic-convention attribute names it uses. Static: listeners subscribe by name, as OpenTelemetry does.</summary>
internal static class OpenAITelemetry
{
    // Attribute names (OpenTelemetry semantic conventions: gen_ai.*, error.type, server.*, http.*, url.template).
    public const string GenAiSystem = "gen_ai.system";
    public const string GenAiProviderName = "gen_ai.provider.name";
    public const string GenAiOperationName = "gen_ai.operation.name";
    public const string GenAiRequestModel = "gen_ai.request.model";
    public const string GenAiResponseModel = "gen_ai.response.model";
    public const string GenAiAgentId = "gen_ai.agent.id";
    public const string GenAiAgentName = "gen_ai.agent.name";
    public const string GenAiConversationId = "gen_ai.conversation.id";
    public const string GenAiUsageInputTokens = "gen_ai.usage.input_tokens";
    public const string GenAiUsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string GenAiTokenType = "gen_ai.token.type";
    public const string GenAiToolName = "gen_ai.tool.name";
    public const string GenAiToolCallId = "gen_ai.tool.call.id";
    public const string GenAiToolType = "gen_ai.tool.type";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string HttpRequestMethod = "http.request.method";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string UrlTemplate = "url.template";

    // Attributes of this library (no convention covers them).
    public const string OpenAIRequestId = "openai.request.id";
    public const string OpenAIRunId = "openai.run.id";
    public const string OpenAIRunStatus = "openai.run.status";
    public const string OpenAIRunPolls = "openai.run.polls";
    public const string OpenAIRunRounds = "openai.run.tool_rounds";

    // Span (operation) names of the helpers.
    public const string WaitForRunOperation = "wait_for_run";
    public const string RunToCompletionOperation = "run_to_completion";
    public const string ExecuteToolOperation = "execute_tool";
    public const string InvokeAgentOperation = "invoke_agent";
    public const string CreateAgentOperation = "create_agent";

    public const string OpenAIProvider = "openai";
    public const string AzureProvider = "azure.ai.openai";
    public const string AzureSystem = "az.ai.openai";

    private static readonly string? Version = typeof(OpenAITelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(OpenAIAssistantsTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(OpenAIAssistantsTelemetry.MeterName, Version);

    /// <summary>The duration of one API call (all its attempts), in seconds; the buckets the GenAI conventions advise.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        OpenAIAssistantsTelemetry.OperationDurationMetric,
        unit: "s",
        description: "GenAI operation duration.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary>The tokens a run used, once per run a helper saw end, per token type.</summary>
    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        OpenAIAssistantsTelemetry.TokenUsageMetric,
        unit: "{token}",
        description: "Measures number of input and output tokens used.",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    /// <summary>Gets the <c>gen_ai.system</c> value of a provider name.</summary>
    public static string SystemOf(string provider) => provider == AzureProvider ? AzureSystem : OpenAIProvider;

    /// <summary>Starts an internal span of a helper, tagged with the provider and the operation, or returns <see langword="null"/>
    /// when nobody listens.</summary>
    public static Activity? StartHelperActivity(string name, string operation, string provider)
    {
        Activity? activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(GenAiOperationName, operation);
            activity.SetTag(GenAiSystem, SystemOf(provider));
            activity.SetTag(GenAiProviderName, provider);
        }

        return activity;
    }

    /// <summary>Marks a span failed by an exception: <c>error.type</c> is the exception's type name, the status is Error.</summary>
    public static void SetError(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorType, exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    /// <summary>Tags a helper span with what the run as last seen says: status, assistant, model and, once it has ended, the usage.</summary>
    public static void TagRun(Activity? activity, ThreadRun run)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OpenAIRunId, run.Id);
        activity.SetTag(OpenAIRunStatus, run.Status?.ToString());
        if (!string.IsNullOrEmpty(run.AssistantId))
        {
            activity.SetTag(GenAiAgentId, run.AssistantId);
        }

        if (!string.IsNullOrEmpty(run.Model))
        {
            activity.SetTag(GenAiResponseModel, run.Model);
        }

        if (run.Usage?.PromptTokens is { } input)
        {
            activity.SetTag(GenAiUsageInputTokens, input);
        }

        if (run.Usage?.CompletionTokens is { } output)
        {
            activity.SetTag(GenAiUsageOutputTokens, output);
        }
    }

    /// <summary>Records the token usage of a run that has ended (a terminal status with usage); nothing otherwise.</summary>
    public static void RecordTokenUsage(ThreadRun run, string provider)
    {
        if (!TokenUsage.Enabled || run.Usage is not { } usage || run.Status is not { IsTerminal: true })
        {
            return;
        }

        var tags = new TagList
        {
            { GenAiOperationName, InvokeAgentOperation },
            { GenAiSystem, SystemOf(provider) },
            { GenAiProviderName, provider },
        };
        if (!string.IsNullOrEmpty(run.Model))
        {
            tags.Add(GenAiResponseModel, run.Model);
        }

        if (usage.PromptTokens is { } inputTokens)
        {
            TagList input = tags;
            input.Add(GenAiTokenType, "input");
            TokenUsage.Record(inputTokens, input);
        }

        if (usage.CompletionTokens is { } outputTokens)
        {
            TagList output = tags;
            output.Add(GenAiTokenType, "output");
            TokenUsage.Record(outputTokens, output);
        }
    }
}
