using System.Text.Json;
using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary><c>/v1/threads</c>: createThread, createThreadAndRun, getThread, modifyThread, deleteThread.</summary>
internal static class ThreadEndpoints
{
    public static void Map(RouteGroupBuilder v1, EmulatorRuntime runtime, RunStreamer streamer)
    {
        v1.MapPost("/threads", async (HttpContext context) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: true);
            RequestChecks.CreateThread(body);
            ThreadCreationOptions options = RequestBody.Bind<ThreadCreationOptions>(body);
            ThreadRecord thread = NewThread(runtime, options);
            AssistantThread snapshot = thread.ToModel();
            runtime.Store.AddThread(thread);
            return Json(snapshot);
        });

        v1.MapPost("/threads/runs", async (HttpContext context) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.CreateThreadAndRun(body);
            ThreadAndRunCreationOptions options = RequestBody.Bind<ThreadAndRunCreationOptions>(body);
            bool stream = IsStream(body);
            Assistant assistant = runtime.Store.WithAssistant(options.AssistantId, static a => a.ToModel());
            ThreadRecord thread = NewThread(runtime, options.Thread);
            RunRecord run;
            object? owner = null;
            ThreadRun snapshot;
            lock (thread.Gate)
            {
                run = runtime.Engine.CreateRun(thread, assistant, options, options.ToolResources, additionalInstructions: null, additionalMessages: null);
                if (stream)
                {
                    owner = Runs.RunEngine.AttachStream(run);
                    run.Emit("thread.created", thread.ToModel(read: true));
                    run.Emit("thread.run.created", run.ToModel());
                    run.Emit("thread.run.queued", run.ToModel());
                }

                snapshot = run.ToModel();
                runtime.Store.AddThread(thread);
            }

            return owner is null ? Run(context, runtime, snapshot) : streamer.Respond(context, thread, run, owner);
        });

        v1.MapGet("/threads/{threadId}", (string threadId) => Json(InThread(runtime, threadId, static t => t.ToModel(read: true))));

        v1.MapPost("/threads/{threadId}", async (HttpContext context, string threadId) =>
        {
            Ids.Check(threadId, "thread_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.ModifyThread(body);
            ThreadModificationOptions options = RequestBody.Bind<ThreadModificationOptions>(body);
            return Json(InThread(runtime, threadId, t =>
            {
                if (JsonChecks.IsPresent(body, "tool_resources"))
                {
                    t.ToolResources = WireDefaults.ThreadResources(options.ToolResources);
                }

                if (JsonChecks.IsPresent(body, "metadata"))
                {
                    t.Metadata = Metadata(options.Metadata);
                }

                return t.ToModel();
            }));
        });

        v1.MapDelete("/threads/{threadId}", (string threadId) =>
        {
            if (!runtime.Store.RemoveThread(Ids.Check(threadId, "thread_id")))
            {
                throw ApiErrors.NotFound("thread", threadId);
            }

            return Json(new DeletionResult { Id = threadId, Object = "thread.deleted", Deleted = true });
        });
    }

    private static ThreadRecord NewThread(EmulatorRuntime runtime, ThreadCreationOptions? options)
    {
        string id = Ids.New("thread_");
        var thread = new ThreadRecord
        {
            Id = id,
            Sequence = runtime.Store.NextSequence(id),
            CreatedAt = runtime.Now.ToUnixTimeSeconds(),
            ToolResources = WireDefaults.ThreadResources(options?.ToolResources),
            Metadata = Metadata(options?.Metadata),
        };

        foreach (MessageCreationOptions message in options?.Messages ?? [])
        {
            AddMessage(runtime, thread, message);
        }

        return thread;
    }
}
