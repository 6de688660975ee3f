using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Pipeline;

namespace OpenAiApi.Refit;

/// <summary>Answers the tool calls of a run in <c>requires_action</c> with the functions of a <see cref="FunctionToolSet"/>:
/// all calls in parallel, each with a timeout, every failure turned into an output that tells the model what went wrong.</summary>
internal static class FunctionToolInvoker
{
    /// <summary>Gets the tool calls a run in <c>requires_action</c> waits for, or throws when the loop cannot answer it.</summary>
    public static IReadOnlyList<RunToolCall> GetToolCalls(ThreadRun run)
    {
        RequiredAction? action = run.RequiredAction;
        if (action is null || (action.Type is { } type && type != "submit_tool_outputs"))
        {
            throw new InvalidOperationException(
                $"Run '{run.Id}' requires an action of type '{action?.Type ?? "(none)"}'; the tool loop answers only submit_tool_outputs.");
        }

        IReadOnlyList<RunToolCall> calls = action.SubmitToolOutputs?.ToolCalls ?? [];
        if (calls.Count == 0)
        {
            throw new InvalidOperationException($"Run '{run.Id}' requires tool outputs but lists no tool calls.");
        }

        return calls;
    }

    /// <summary>Calls the functions and returns one output per tool call, in the order of the calls. Each call gets an internal
    /// <c>execute_tool {name}</c> span and a <see cref="OpenAILog.ToolCallDispatched"/> event; a call answered with an error, a
    /// <see cref="OpenAILog.ToolCallFailed"/> event and <c>error.type</c> on its span.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<List<ToolOutput>> InvokeAllAsync(
        FunctionToolSet tools, IReadOnlyList<RunToolCall> calls, RunCompletionOptions options, TimeProvider time,
        OpenAIClientContext context, string runId, CancellationToken cancellationToken)
    {
        var tasks = new Task<string>[calls.Count];
        for (int i = 0; i < calls.Count; i++)
        {
            tasks[i] = TraceAsync(tools, calls[i], options, time, context, runId, cancellationToken);
        }

        string[] outputs = await Task.WhenAll(tasks).ConfigureAwait(false);
        var result = new List<ToolOutput>(calls.Count);
        for (int i = 0; i < calls.Count; i++)
        {
            result.Add(new ToolOutput(calls[i].Id, outputs[i]));
        }

        return result;
    }

    /// <summary>One call inside its <c>execute_tool</c> span, with its log events.</summary>
    private static async Task<string> TraceAsync(
        FunctionToolSet tools, RunToolCall call, RunCompletionOptions options, TimeProvider time, OpenAIClientContext context, string runId,
        CancellationToken cancellationToken)
    {
        string name = call.Function?.Name ?? string.Empty;
        string callId = call.Id ?? string.Empty;
        ILogger logger = context.RunsLogger;
        using Activity? activity = OpenAITelemetry.StartHelperActivity(
            string.IsNullOrEmpty(name) ? OpenAITelemetry.ExecuteToolOperation : OpenAITelemetry.ExecuteToolOperation + " " + name,
            OpenAITelemetry.ExecuteToolOperation,
            context.Provider);
        if (activity is not null)
        {
            activity.SetTag(OpenAITelemetry.GenAiToolName, name);
            activity.SetTag(OpenAITelemetry.GenAiToolCallId, callId);
            activity.SetTag(OpenAITelemetry.GenAiToolType, call.Type ?? "function");
            activity.SetTag(OpenAITelemetry.OpenAIRunId, runId);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            OpenAILog.ToolCallDispatched(logger, runId, name, callId);
        }

        var failure = new CallFailure();
        try
        {
            string output = await InvokeAsync(tools, call, options.ToolCallTimeout, options.IncludeDetailedErrors, time, failure, cancellationToken)
                .ConfigureAwait(false);
            if (failure.ErrorType is { } errorType)
            {
                activity?.SetTag(OpenAITelemetry.ErrorType, errorType);
                activity?.SetStatus(ActivityStatusCode.Error, failure.Reason);
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    OpenAILog.ToolCallFailed(logger, runId, name, callId, failure.Reason ?? errorType, failure.Exception);
                }
            }

            return output;
        }
        catch (Exception ex)
        {
            OpenAITelemetry.SetError(activity, ex);
            throw;
        }
    }

    private static async Task<string> InvokeAsync(
        FunctionToolSet tools, RunToolCall call, TimeSpan timeout, bool detailedErrors, TimeProvider time, CallFailure failure,
        CancellationToken cancellationToken)
    {
        if (call.Type is { } type && type != "function")
        {
            return failure.Fail("unsupported_tool_type", Error($"The tool call type '{type}' is not supported; only function calls are answered."));
        }

        string? name = call.Function?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return failure.Fail("missing_function_name", Error("The tool call names no function."));
        }

        if (!tools.TryGetFunction(name, out AIFunction? function))
        {
            string available = tools.Count == 0 ? "none" : string.Join(", ", tools.Select(f => f.Name));
            return failure.Fail("unknown_function", Error($"Unknown function '{name}'. Available functions: {available}."));
        }

        AIFunctionArguments arguments;
        try
        {
            arguments = ParseArguments(call.Function?.Arguments);
        }
        catch (JsonException ex)
        {
            return failure.Fail("invalid_arguments", Error($"The arguments of function '{name}' are not a valid JSON object: {ex.Message}"));
        }

        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken callToken = callCancellation.Token;

        // Task.Run: a function that blocks runs beside the others, and cannot hold up the timeout.
        Task<object?> invocation = Task.Run(() => function.InvokeAsync(arguments, callToken).AsTask(), CancellationToken.None);
        try
        {
            object? result = timeout == Timeout.InfiniteTimeSpan
                ? await invocation.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await invocation.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return FormatResult(result, function.JsonSerializerOptions);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(invocation);
            throw;
        }
        catch (TimeoutException ex) when (!invocation.IsCompleted || !ReferenceEquals(invocation.Exception?.InnerException, ex))
        {
            await callCancellation.CancelAsync().ConfigureAwait(false);
            Abandon(invocation);
            return failure.Fail(typeof(TimeoutException).FullName!, Error($"Function '{name}' did not finish within {FormatDuration(timeout)} and was abandoned."));
        }
#pragma warning disable CA1031 // Any failure of a user's function becomes a tool output for the model; the loop goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure.Exception = ex;
            return failure.Fail(
                ex.GetType().FullName ?? ex.GetType().Name,
                detailedErrors ? Error($"Function '{name}' failed: {ex.GetType().Name}: {ex.Message}") : Error($"Function '{name}' failed."),
                $"the function threw {ex.GetType().Name}");
        }
    }

    /// <summary>Parses the arguments string, a JSON object, into the name → <see cref="JsonElement"/> map that
    /// <see cref="AIFunction"/> binds; an empty string means no arguments.</summary>
    private static AIFunctionArguments ParseArguments(string? json)
    {
        var arguments = new AIFunctionArguments();
        if (string.IsNullOrWhiteSpace(json))
        {
            return arguments;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected an object, got {document.RootElement.ValueKind}.");
        }

        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    /// <summary>Turns a function result into the output string: a string as is, anything else as JSON.</summary>
    private static string FormatResult(object? result, JsonSerializerOptions? options) => result switch
    {
        null => "null",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement { ValueKind: JsonValueKind.Undefined } => "null",
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, (options ?? AIJsonUtilities.DefaultOptions).GetTypeInfo(result.GetType())),
    };

    /// <summary>Builds the output that tells the model a call went wrong: <c>{"error":"…"}</c>.</summary>
    internal static string Error(string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping: the text is read by a model, not embedded in HTML; the request serializer escapes it again as JSON needs.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Observes the eventual failure of a call the loop no longer waits for, so it is not reported as unobserved.</summary>
    private static void Abandon(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Why a call was answered with an error, for its span and its log event.</summary>
    private sealed class CallFailure
    {
        public string? ErrorType { get; private set; }

        public string? Reason { get; private set; }

        public Exception? Exception { get; set; }

        /// <summary>Records the failure and returns the output that tells the model.</summary>
        public string Fail(string errorType, string output, string? reason = null)
        {
            ErrorType = errorType;
            Reason = reason ?? output;
            return output;
        }
    }
}
