using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenAiApi.Refit.Pipeline;

namespace OpenAiApi.Refit.Streaming;

/// <summary>
/// Sends a streaming request once and reads its event stream incrementally with <see cref="SseParser"/>: each event is yielded as
/// soon as its blank line arrives. A non-2xx answer becomes the typed API exception (the pipeline has already retried it); after the
/// response headers nothing is ever re-sent. An <c>error</c> event, a malformed event, a cut connection or a clean end before a
/// terminal event become <see cref="OpenAIStreamException"/>; silence longer than the idle timeout becomes
/// <see cref="OpenAITimeoutException"/>; the caller's token stays an <see cref="OperationCanceledException"/>; disposing the client
/// ends the stream with <see cref="ObjectDisposedException"/>. The response is
/// disposed however the enumeration ends, including when the caller stops early.
/// </summary>
internal static class RunStreamReader
{
    /// <summary>Sends the request and yields its events.</summary>
    /// <param name="context">The client's context: its idle timeout, error translation and clock.</param>
    /// <param name="send">Sends the request (one Refit call) and returns the response with unread content.</param>
    /// <param name="threadId">The thread id known before the stream starts, if any.</param>
    /// <param name="runId">The run id known before the stream starts, if any.</param>
    /// <param name="options">The stream settings, validated.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The events.</returns>
    public static async IAsyncEnumerable<RunStreamEvent> ReadAsync(
        OpenAIClientContext context,
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        string? threadId,
        string? runId,
        RunStreamOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int maxEventBytes = options?.MaxEventBytes ?? RunStreamOptions.DefaultMaxEventBytes;
        var state = new StreamState(threadId, runId);

        HttpResponseMessage response = await send(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The streaming request returned no response.");
        using (response)
        {
            state.RequestId = OpenAIClientContext.RequestIdOf(response);
            TimeSpan idleTimeout = options?.IdleTimeout ?? context.StreamIdleTimeout;
            if (!response.IsSuccessStatusCode)
            {
                throw await context.TranslateErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            EnsureEventStream(response, state.RequestId);

            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw state.Fail("The event stream could not be opened.", ex);
            }

            CancellationToken clientLifetime = context.ClientLifetime;
            using var callOrClient = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, clientLifetime);
            using var idle = new IdleWatchdog(idleTimeout, callOrClient.Token);
            (Stream limited, Action eventCompleted) = OpenAIClientContext.LimitEventSize(body, maxEventBytes, idle.Progress); // any byte (a ": ping" comment too) restarts the idle wait
            await using (limited.ConfigureAwait(false))
            {
                SseParser<ParsedEvent> parser = SseParser.Create(limited, (eventType, data) =>
                {
                    eventCompleted();
                    try
                    {
                        return new ParsedEvent(eventType, RunStreamEvent.Parse(eventType, data), null);
                    }
                    catch (JsonException ex)
                    {
                        return new ParsedEvent(eventType, null, ex);
                    }
                });

                IAsyncEnumerator<SseItem<ParsedEvent>> events = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
                await using (events.ConfigureAwait(false))
                {
                    while (true)
                    {
                        bool hasEvent;
                        idle.BeginWait(); // the caller's own time between events does not count

                        try
                        {
                            hasEvent = await events.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception) when (clientLifetime.IsCancellationRequested)
                        {
                            throw OpenAIClientContext.ClientDisposed(); // the client was disposed while the stream was read
                        }
                        catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                        {
                            if (state.SawTerminal)
                            {
                                yield break; // the run has ended; a server that keeps the connection open after it changes nothing
                            }

                            throw state.Timeout(idleTimeout, ex);
                        }
                        catch (InvalidDataException ex)
                        {
                            throw state.Fail($"An event exceeded {maxEventBytes} bytes.", ex);
                        }
                        catch (Exception ex) when (ex is not OpenAIException && !cancellationToken.IsCancellationRequested)
                        {
                            throw state.Fail("The connection was cut while the run was streaming.", ex);
                        }

                        idle.EndWait();

                        if (!hasEvent)
                        {
                            break;
                        }

                        ParsedEvent parsed = events.Current.Data;
                        state.EventName = parsed.EventType;
                        if (parsed.Event is not { } streamEvent)
                        {
                            throw state.Fail($"The data of the '{parsed.EventType}' event is not valid JSON: {parsed.Error?.Message}", parsed.Error);
                        }

                        state.Observe(streamEvent);
                        if (streamEvent is ErrorStreamEvent error)
                        {
                            throw state.ServerError(error);
                        }

                        yield return streamEvent;
                        if (streamEvent.Kind == RunStreamEventKind.Done)
                        {
                            yield break; // anything after [DONE] is ignored
                        }
                    }
                }
            }

            if (!state.SawTerminal)
            {
                throw state.Fail("The event stream ended before the run reached a terminal event (completed, failed, cancelled, expired, " +
                    "incomplete, requires_action or done).", null);
            }
        }
    }

    private static void EnsureEventStream(HttpResponseMessage response, string? requestId)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new OpenAIResponseValidationException(
                $"The server answered HTTP {(int)response.StatusCode} with content type '{mediaType}' where an event stream (text/event-stream) " +
                "was expected: the server may not support streaming runs.",
                response.StatusCode,
                response.Content.Headers.ContentType?.ToString(),
                requestId);
        }
    }

    /// <summary>The result of the SSE item parser: the typed event, or the JSON error of its data.</summary>
    private readonly record struct ParsedEvent(string EventType, RunStreamEvent? Event, JsonException? Error);

    /// <summary>What the stream has told so far, for the exceptions: the ids of the thread and the run, the last event name.</summary>
    private sealed class StreamState(string? threadId, string? runId)
    {
        public string? ThreadId { get; private set; } = threadId;

        public string? RunId { get; private set; } = runId;

        public string? EventName { get; set; }

        public string? RequestId { get; set; }

        public bool SawTerminal { get; private set; }

        public void Observe(RunStreamEvent streamEvent)
        {
            switch (streamEvent)
            {
                case ThreadStreamEvent e:
                    ThreadId = NonEmpty(e.Thread.Id) ?? ThreadId;
                    break;
                case RunStatusStreamEvent e:
                    RunId = NonEmpty(e.Run.Id) ?? RunId;
                    ThreadId = NonEmpty(e.Run.ThreadId) ?? ThreadId;
                    break;
                case RunStepStreamEvent e:
                    RunId = NonEmpty(e.RunStep.RunId) ?? RunId;
                    ThreadId = NonEmpty(e.RunStep.ThreadId) ?? ThreadId;
                    break;
                case MessageStreamEvent e:
                    RunId = NonEmpty(e.Message.RunId) ?? RunId;
                    ThreadId = NonEmpty(e.Message.ThreadId) ?? ThreadId;
                    break;
            }

            SawTerminal |= streamEvent.IsTerminal;
        }

        public OpenAIStreamException Fail(string message, Exception? inner) =>
            new(message + Describe(), inner, RequestId) { EventName = EventName, ThreadId = ThreadId, RunId = RunId };

        public OpenAIStreamException ServerError(ErrorStreamEvent error) =>
            new($"The server sent an error event: {error.ErrorMessage ?? "(no message)"} (type: {error.ErrorType ?? "none"}, code: {error.ErrorCode ?? "none"})." + Describe(), null, RequestId)
            {
                EventName = error.EventName,
                ThreadId = ThreadId,
                RunId = RunId,
                ErrorType = error.ErrorType,
                ErrorCode = error.ErrorCode,
                ErrorMessage = error.ErrorMessage,
            };

        /// <summary>The timeout exception, with the ids known so far (its inner <see cref="OpenAIStreamException"/> carries them too, and the last event name).</summary>
        public OpenAITimeoutException Timeout(TimeSpan idleTimeout, Exception inner) =>
            new($"The event stream sent no event for {idleTimeout.TotalSeconds:0.###} s." + Describe(), Fail("The event stream stalled.", inner))
            {
                ThreadId = ThreadId,
                RunId = RunId,
            };

        private string Describe() => RunId is null
            ? string.Empty
            : $" The POST is not re-sent: get the run (thread {ThreadId ?? "?"}, run {RunId}) to learn how it ended.";

        private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
