using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints.Runs;

/// <summary><c>/v1/threads/{thread_id}/runs</c>: listRuns, createRun, getRun, modifyRun, cancelRun, submitToolOuputsToRun
/// (the run steps are <see cref="RunStepEndpoints"/>).</summary>
internal static class RunEndpoints
{
    /// <summary>Maps the <c>/threads/{threadId}/runs</c> group.</summary>
    /// <param name="v1">The <c>/v1</c> group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapRuns(this IEndpointRouteBuilder v1)
    {
        RouteGroupBuilder runs = v1.MapGroup("/threads/{threadId}/runs");

        runs.MapGet("/", (HttpContext context, string threadId, EmulatorStore store, RunEngine engine) =>
        {
            ListQuery query = ListQuery.Parse(context.Request.Query);
            return Json(InThread(store, engine, threadId, t => store.Page(t.Runs, static r => r.Sequence, static r => r.Id, static r => r.ToModel(), query)));
        });

        runs.MapPost("/", async (HttpContext context, string threadId, EmulatorStore store, RunEngine engine, RunStreamer streamer, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            ListQuery.CheckInclude(context.Request.Query);
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            RunChecks.Create(body);
            RunCreationOptions options = RequestBody.Bind<RunCreationOptions>(body);
            bool stream = IsStream(body);
            ThreadRecord thread = store.GetThread(threadId);
            Assistant assistant = store.WithAssistant(options.AssistantId, static a => a.ToModel());
            object? owner = null;
            RunRecord? created = null;
            ThreadRun snapshot = InThread(store, engine, threadId, t =>
            {
                if (t.ActiveRun() is RunRecord active)
                {
                    throw ApiErrors.BadRequest($"Thread {t.Id} already has an active run {active.Id}.", null, "thread_locked");
                }

                created = engine.CreateRun(t, assistant, options, null, options.AdditionalInstructions, options.AdditionalMessages);
                if (stream)
                {
                    owner = RunEngine.AttachStream(created);
                    created.Emit("thread.run.created", created.ToModel());
                    created.Emit("thread.run.queued", created.ToModel());
                }

                return created.ToModel();
            });

            return owner is null ? Run(context, settings, snapshot) : streamer.Respond(context, thread, created!, owner);
        });

        runs.MapGet("/{runId}", (HttpContext context, string threadId, string runId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
            Run(context, settings, InThread(store, engine, threadId, t => FindRun(t, runId).ToModel())));

        runs.MapPost("/{runId}", async (HttpContext context, string threadId, string runId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(runId, "run_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            CommonChecks.MetadataOnly(body);
            RunModificationOptions options = RequestBody.Bind<RunModificationOptions>(body);
            return Run(context, settings, InThread(store, engine, threadId, t =>
            {
                RunRecord run = FindRun(t, runId);
                if (JsonChecks.IsPresent(body, "metadata"))
                {
                    run.Metadata = Metadata(options.Metadata);
                    t.MarkChanged(run.Id);
                }

                return run.ToModel();
            }));
        });

        runs.MapPost("/{runId}/cancel", (HttpContext context, string threadId, string runId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
            Run(context, settings, InThread(store, engine, threadId, t =>
            {
                RunRecord run = FindRun(t, runId);
                engine.Cancel(run);
                return run.ToModel();
            })));

        runs.MapPost("/{runId}/submit_tool_outputs", async (
            HttpContext context, string threadId, string runId, EmulatorStore store, RunEngine engine, RunStreamer streamer, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(runId, "run_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            RunChecks.SubmitToolOutputs(body);
            ToolOutputsSubmissionOptions options = RequestBody.Bind<ToolOutputsSubmissionOptions>(body);
            bool stream = IsStream(body);
            ThreadRecord thread = store.GetThread(threadId);
            object? owner = null;
            RunRecord? target = null;
            ThreadRun snapshot = InThread(store, engine, threadId, t =>
            {
                target = FindRun(t, runId);
                RunRecord run = target;
                object? previousOwner = run.StreamOwner;
                if (stream)
                {
                    owner = RunEngine.AttachStream(run);
                }

                try
                {
                    engine.SubmitToolOutputs(run, [.. options.ToolOutputs]);
                }
                catch (EmulatorApiException)
                {
                    if (owner is not null)
                    {
                        run.StreamOwner = previousOwner;
                        owner = null;
                    }

                    throw;
                }

                return run.ToModel();
            });

            return owner is null ? Run(context, settings, snapshot) : streamer.Respond(context, thread, target!, owner);
        });

        return runs;
    }
}
