using System.Text.Json;
using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary>What the endpoint groups share: JSON results, the poll hint, thread access under the thread's lock.</summary>
internal static class EndpointSupport
{
    public const string PollAfterHeader = "openai-poll-after-ms";

    public static IResult Json<T>(T value) => TypedResults.Json(value, EmulatorJson.Options);

    /// <summary>Answers with a run and the <c>openai-poll-after-ms</c> hint.</summary>
    /// <param name="context">The request.</param>
    /// <param name="runtime">The emulator.</param>
    /// <param name="run">The run snapshot.</param>
    /// <returns>The result.</returns>
    public static IResult Run(HttpContext context, EmulatorRuntime runtime, ThreadRun run)
    {
        context.Response.Headers[PollAfterHeader] = runtime.PollAfterMilliseconds;
        return Json(run);
    }

    public static bool IsStream(JsonElement body) => JsonChecks.OptionalBoolean(body, "stream", string.Empty) == true;

    /// <summary>Runs <paramref name="action"/> on a live thread under its lock, after applying the runs' due transitions, and
    /// commits what changed (also when the action refuses the request: the transitions applied before it stay).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="runtime">The emulator.</param>
    /// <param name="threadId">The thread id from the path.</param>
    /// <param name="action">What to do.</param>
    /// <returns>The result.</returns>
    public static T InThread<T>(EmulatorRuntime runtime, string threadId, Func<ThreadRecord, T> action)
    {
        ThreadRecord thread = runtime.Store.GetThread(Ids.Check(threadId, "thread_id"));
        lock (thread.Gate)
        {
            if (thread.Deleted)
            {
                throw ApiErrors.NotFound("thread", threadId);
            }

            T result;
            try
            {
                runtime.Engine.Advance(thread);
                result = action(thread);
            }
            catch (EmulatorApiException)
            {
                runtime.Store.Commit(thread);
                throw;
            }

            runtime.Store.Commit(thread);
            return result;
        }
    }

    public static RunRecord FindRun(ThreadRecord thread, string runId) =>
        thread.FindRun(Ids.Check(runId, "run_id")) ?? throw ApiErrors.NotFound("run", runId);

    public static Dictionary<string, string> Metadata(IDictionary<string, string>? metadata) =>
        metadata is null ? [] : new Dictionary<string, string>(metadata, StringComparer.Ordinal);

    /// <summary>Stores a caller's message on a thread (under the thread's lock, or before the thread is visible).</summary>
    /// <param name="runtime">The emulator.</param>
    /// <param name="thread">The thread.</param>
    /// <param name="options">The message.</param>
    /// <returns>The stored message.</returns>
    public static MessageRecord AddMessage(EmulatorRuntime runtime, ThreadRecord thread, MessageCreationOptions options) =>
        MessageFactory.Add(runtime.Store, runtime.Now, thread, options);
}
