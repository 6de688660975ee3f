using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints.Threads;

/// <summary><c>/v1/threads</c>: createThread, createThreadAndRun, getThread, modifyThread, deleteThread.</summary>
internal static class ThreadEndpoints
{
    /// <summary>Maps the <c>/threads</c> group.</summary>
    /// <param name="v1">The <c>/v1</c> group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapThreads(this IEndpointRouteBuilder v1)
    {
        RouteGroupBuilder threads = v1.MapGroup("/threads");

        threads.MapPost("/", async (HttpContext context, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: true);
            ThreadChecks.Create(body);
            ThreadCreationOptions options = RequestBody.Bind<ThreadCreationOptions>(body);
            ThreadRecord thread = NewThread(store, engine, options);
            AssistantThread snapshot = thread.ToModel();
            store.AddThread(thread);
            return Json(snapshot);
        });

        threads.MapPost("/runs", async (HttpContext context, EmulatorStore store, RunEngine engine, RunStreamer streamer, AssistantsEmulatorOptions settings) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            ThreadChecks.CreateThreadAndRun(body);
            ThreadAndRunCreationOptions options = RequestBody.Bind<ThreadAndRunCreationOptions>(body);
            bool stream = IsStream(body);
            Assistant assistant = store.WithAssistant(options.AssistantId, static a => a.ToModel());
            ThreadRecord thread = NewThread(store, engine, options.Thread);
            RunRecord run;
            object? owner = null;
            ThreadRun snapshot;
            lock (thread.Gate)
            {
                run = engine.CreateRun(thread, assistant, options, options.ToolResources, additionalInstructions: null, additionalMessages: null);
                if (stream)
                {
                    owner = RunEngine.AttachStream(run);
                    run.Emit("thread.created", thread.ToModel(read: true));
                    run.Emit("thread.run.created", run.ToModel());
                    run.Emit("thread.run.queued", run.ToModel());
                }

                snapshot = run.ToModel();
                store.AddThread(thread);
            }

            return owner is null ? Run(context, settings, snapshot) : streamer.Respond(context, thread, run, owner);
        });

        threads.MapGet("/{threadId}", (string threadId, EmulatorStore store, RunEngine engine) =>
            Json(InThread(store, engine, threadId, static t => t.ToModel(read: true))));

        threads.MapPost("/{threadId}", async (HttpContext context, string threadId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            ThreadChecks.Modify(body);
            ThreadModificationOptions options = RequestBody.Bind<ThreadModificationOptions>(body);
            return Json(InThread(store, engine, threadId, t =>
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

        threads.MapDelete("/{threadId}", (string threadId, EmulatorStore store) =>
        {
            if (!store.RemoveThread(Ids.Check(threadId, "thread_id")))
            {
                throw ApiErrors.NotFound("thread", threadId);
            }

            return Json(new DeletionResult { Id = threadId, Object = "thread.deleted", Deleted = true });
        });

        return threads;
    }

    private static ThreadRecord NewThread(EmulatorStore store, RunEngine engine, ThreadCreationOptions? options)
    {
        string id = Ids.New("thread_");
        var thread = new ThreadRecord
        {
            Id = id,
            Sequence = store.NextSequence(id),
            CreatedAt = engine.Now.ToUnixTimeSeconds(),
            ToolResources = WireDefaults.ThreadResources(options?.ToolResources),
            Metadata = Metadata(options?.Metadata),
        };

        foreach (MessageCreationOptions message in options?.Messages ?? [])
        {
            MessageFactory.Add(store, engine.Now, thread, message);
        }

        return thread;
    }
}
