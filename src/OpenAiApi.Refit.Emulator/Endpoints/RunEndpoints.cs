using System.Text.Json;
using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary><c>/v1/threads/{thread_id}/runs</c>: listRuns, createRun, getRun, modifyRun, cancelRun, submitToolOuputsToRun,
/// listRunSteps, getRunStep.</summary>
internal static class RunEndpoints
{
    public static void Map(RouteGroupBuilder v1, EmulatorRuntime runtime, RunStreamer streamer)
    {
        v1.MapGet("/threads/{threadId}/runs", (HttpContext context, string threadId) =>
        {
            ListQuery query = ListQuery.Parse(context.Request.Query);
            return Json(InThread(runtime, threadId, t => runtime.Store.Page(t.Runs, static r => r.Sequence, static r => r.Id, static r => r.ToModel(), query)));
        });

        v1.MapPost("/threads/{threadId}/runs", async (HttpContext context, string threadId) =>
        {
            Ids.Check(threadId, "thread_id");
            ListQuery.CheckInclude(context.Request.Query);
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.CreateRun(body);
            RunCreationOptions options = RequestBody.Bind<RunCreationOptions>(body);
            bool stream = IsStream(body);
            ThreadRecord thread = runtime.Store.GetThread(threadId);
            Assistant assistant = runtime.Store.WithAssistant(options.AssistantId, static a => a.ToModel());
            object? owner = null;
            RunRecord? created = null;
            ThreadRun snapshot = InThread(runtime, threadId, t =>
            {
                if (t.ActiveRun() is RunRecord active)
                {
                    throw ApiErrors.BadRequest($"Thread {t.Id} already has an active run {active.Id}.", null, "thread_locked");
                }

                created = runtime.Engine.CreateRun(t, assistant, options, null, options.AdditionalInstructions, options.AdditionalMessages);
                if (stream)
                {
                    owner = RunEngine.AttachStream(created);
                    created.Emit("thread.run.created", created.ToModel());
                    created.Emit("thread.run.queued", created.ToModel());
                }

                return created.ToModel();
            });

            return owner is null ? Run(context, runtime, snapshot) : streamer.Respond(context, thread, created!, owner);
        });

        v1.MapGet("/threads/{threadId}/runs/{runId}", (HttpContext context, string threadId, string runId) =>
            Run(context, runtime, InThread(runtime, threadId, t => FindRun(t, runId).ToModel())));

        v1.MapPost("/threads/{threadId}/runs/{runId}", async (HttpContext context, string threadId, string runId) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(runId, "run_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.MetadataOnly(body);
            RunModificationOptions options = RequestBody.Bind<RunModificationOptions>(body);
            return Run(context, runtime, InThread(runtime, threadId, t =>
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

        v1.MapPost("/threads/{threadId}/runs/{runId}/cancel", (HttpContext context, string threadId, string runId) =>
            Run(context, runtime, InThread(runtime, threadId, t =>
            {
                RunRecord run = FindRun(t, runId);
                runtime.Engine.Cancel(run);
                return run.ToModel();
            })));

        v1.MapPost("/threads/{threadId}/runs/{runId}/submit_tool_outputs", async (HttpContext context, string threadId, string runId) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(runId, "run_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.SubmitToolOutputs(body);
            ToolOutputsSubmissionOptions options = RequestBody.Bind<ToolOutputsSubmissionOptions>(body);
            bool stream = IsStream(body);
            ThreadRecord thread = runtime.Store.GetThread(threadId);
            object? owner = null;
            RunRecord? target = null;
            ThreadRun snapshot = InThread(runtime, threadId, t =>
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
                    runtime.Engine.SubmitToolOutputs(run, [.. options.ToolOutputs]);
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

            return owner is null ? Run(context, runtime, snapshot) : streamer.Respond(context, thread, target!, owner);
        });

        v1.MapGet("/threads/{threadId}/runs/{runId}/steps", (HttpContext context, string threadId, string runId) =>
        {
            ListQuery.CheckInclude(context.Request.Query);
            ListQuery query = ListQuery.Parse(context.Request.Query);
            return Json(InThread(runtime, threadId, t => runtime.Store.Page(
                FindRun(t, runId).Steps, static s => s.Sequence, static s => s.Id, static s => s.ToModel(), query)));
        });

        v1.MapGet("/threads/{threadId}/runs/{runId}/steps/{stepId}", (HttpContext context, string threadId, string runId, string stepId) =>
        {
            ListQuery.CheckInclude(context.Request.Query);
            return Json(InThread(runtime, threadId, t =>
            {
                RunRecord run = FindRun(t, runId);
                string id = Ids.Check(stepId, "step_id");
                return (run.Steps.Find(s => s.Id == id) ?? throw ApiErrors.NotFound("run step", stepId)).ToModel();
            }));
        });
    }
}
