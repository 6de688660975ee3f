namespace OpenAiApi.Refit.Diagnostics;

/// <summary>The names under which the library publishes its traces, metrics and logs, for OpenTelemetry and logging setup:
/// <c>tracing.AddSource(OpenAIAssistantsTelemetry.ActivitySourceName)</c>, <c>metrics.AddMeter(OpenAIAssistantsTelemetry.MeterName)</c>.</summary>
/// <remarks>
/// <para>Spans (all on the <see cref="ActivitySourceName"/> source): one client span per API call, named by its
/// <c>gen_ai.operation.name</c> (<c>create_agent</c>, <c>invoke_agent</c>, <c>get_run</c>, <c>list_messages</c>…) and covering every
/// attempt; an internal <c>wait_for_run</c> span per <c>WaitForRunAsync</c> / <c>…AndWaitAsync</c> call, parent of its polls; an
/// internal <c>run_to_completion</c> span per <c>RunToCompletionAsync</c> call; and an internal <c>execute_tool {name}</c> span per
/// function call of the tool loop.</para>
/// <para>Metrics (on the <see cref="MeterName"/> meter): <see cref="OperationDurationMetric"/> (seconds, one value per API call) and
/// <see cref="TokenUsageMetric"/> (tokens, one input and one output value per run a helper saw end).</para>
/// </remarks>
public static class OpenAIAssistantsTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>OpenAiApi.Refit</c>.</summary>
    public const string ActivitySourceName = "OpenAiApi.Refit";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>OpenAiApi.Refit</c>.</summary>
    public const string MeterName = "OpenAiApi.Refit";

    /// <summary>The histogram of API call durations, in seconds: <c>gen_ai.client.operation.duration</c>.</summary>
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";

    /// <summary>The histogram of the tokens runs used, per <c>gen_ai.token.type</c> (<c>input</c>, <c>output</c>): <c>gen_ai.client.token.usage</c>.</summary>
    public const string TokenUsageMetric = "gen_ai.client.token.usage";

    /// <summary>The logging category of the HTTP events (request sent, response received, request failed, retry scheduled, bodies).</summary>
    public const string HttpLogCategory = "OpenAiApi.Refit.Http";

    /// <summary>The logging category of the events of the run helpers (run status changes, tool calls).</summary>
    public const string RunsLogCategory = "OpenAiApi.Refit.Runs";
}
