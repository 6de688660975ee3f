using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints.Runs;

/// <summary><c>/v1/threads/{thread_id}/runs/{run_id}/steps</c>: listRunSteps, getRunStep.</summary>
internal static class RunStepEndpoints
{
    /// <summary>Maps the <c>/threads/{threadId}/runs/{runId}/steps</c> group.</summary>
    /// <param name="v1">The <c>/v1</c> group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapRunSteps(this IEndpointRouteBuilder v1)
    {
        RouteGroupBuilder steps = v1.MapGroup("/threads/{threadId}/runs/{runId}/steps");

        steps.MapGet("/", (HttpContext context, string threadId, string runId, EmulatorStore store, RunEngine engine) =>
        {
            ListQuery.CheckInclude(context.Request.Query);
            ListQuery query = ListQuery.Parse(context.Request.Query);
            return Json(InThread(store, engine, threadId, t => store.Page(
                FindRun(t, runId).Steps, static s => s.Sequence, static s => s.Id, static s => s.ToModel(), query)));
        });

        steps.MapGet("/{stepId}", (HttpContext context, string threadId, string runId, string stepId, EmulatorStore store, RunEngine engine) =>
        {
            ListQuery.CheckInclude(context.Request.Query);
            return Json(InThread(store, engine, threadId, t =>
            {
                RunRecord run = FindRun(t, runId);
                string id = Ids.Check(stepId, "step_id");
                return (run.Steps.Find(s => s.Id == id) ?? throw ApiErrors.NotFound("run step", stepId)).ToModel();
            }));
        });

        return steps;
    }
}
