using System.Globalization;
using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
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
    /// <param name="settings">The emulator's options.</param>
    /// <param name="run">The run snapshot.</param>
    /// <returns>The result.</returns>
    public static IResult Run(HttpContext context, AssistantsEmulatorOptions settings, ThreadRun run)
    {
        TimeSpan pollAfter = settings.Timing.PollAfter ?? settings.Timing.TransitionDelay;
        context.Response.Headers[PollAfterHeader] = ((long)pollAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return Json(run);
    }

    public static bool IsStream(JsonElement body) => JsonChecks.OptionalBoolean(body, "stream", string.Empty) == true;

    /// <summary>Runs <paramref name="action"/> on a live thread under its lock, after applying the runs' due transitions, and
    /// commits what changed (also when the action refuses the request: the transitions applied before it stay).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="store">The store.</param>
    /// <param name="engine">The run engine.</param>
    /// <param name="threadId">The thread id from the path.</param>
    /// <param name="action">What to do.</param>
    /// <returns>The result.</returns>
    public static T InThread<T>(EmulatorStore store, RunEngine engine, string threadId, Func<ThreadRecord, T> action)
    {
        ThreadRecord thread = store.GetThread(Ids.Check(threadId, "thread_id"));
        lock (thread.Gate)
        {
            if (thread.Deleted)
            {
                throw ApiErrors.NotFound("thread", threadId);
            }

            T result;
            try
            {
                engine.Advance(thread);
                result = action(thread);
            }
            catch (EmulatorApiException)
            {
                store.Commit(thread);
                throw;
            }

            store.Commit(thread);
            return result;
        }
    }

    public static RunRecord FindRun(ThreadRecord thread, string runId) =>
        thread.FindRun(Ids.Check(runId, "run_id")) ?? throw ApiErrors.NotFound("run", runId);

    public static Dictionary<string, string> Metadata(IDictionary<string, string>? metadata) =>
        metadata is null ? [] : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
}
