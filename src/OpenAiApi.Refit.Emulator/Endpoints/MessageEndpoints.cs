using System.Text.Json;
using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary><c>/v1/threads/{thread_id}/messages</c>: listMessages (with <c>run_id</c>), createMessage, getMessage,
/// modifyMessage, deleteMessage.</summary>
internal static class MessageEndpoints
{
    public static void Map(RouteGroupBuilder v1, EmulatorRuntime runtime)
    {
        v1.MapGet("/threads/{threadId}/messages", (HttpContext context, string threadId) =>
        {
            ListQuery query = ListQuery.Parse(context.Request.Query);
            string? runId = ListQuery.OptionalId(context.Request.Query, "run_id");
            return Json(InThread(runtime, threadId, t => runtime.Store.Page(
                runId is null ? t.Messages : [.. t.Messages.Where(m => m.RunId == runId)],
                static m => m.Sequence,
                static m => m.Id,
                static m => m.ToModel(),
                query)));
        });

        v1.MapPost("/threads/{threadId}/messages", async (HttpContext context, string threadId) =>
        {
            Ids.Check(threadId, "thread_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.CreateMessage(body);
            MessageCreationOptions options = RequestBody.Bind<MessageCreationOptions>(body);
            return Json(InThread(runtime, threadId, t =>
            {
                if (t.ActiveRun() is RunRecord active)
                {
                    throw ApiErrors.BadRequest($"Can't add messages to {t.Id} while a run {active.Id} is active.", null, "thread_locked");
                }

                return AddMessage(runtime, t, options).ToModel();
            }));
        });

        v1.MapGet("/threads/{threadId}/messages/{messageId}", (string threadId, string messageId) =>
            Json(InThread(runtime, threadId, t => FindMessage(t, messageId).ToModel())));

        v1.MapPost("/threads/{threadId}/messages/{messageId}", async (HttpContext context, string threadId, string messageId) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(messageId, "message_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.MetadataOnly(body);
            MessageModificationOptions options = RequestBody.Bind<MessageModificationOptions>(body);
            return Json(InThread(runtime, threadId, t =>
            {
                MessageRecord message = FindMessage(t, messageId);
                if (JsonChecks.IsPresent(body, "metadata"))
                {
                    message.Metadata = Metadata(options.Metadata);
                    t.MarkChanged(message.Id);
                }

                return message.ToModel();
            }));
        });

        v1.MapDelete("/threads/{threadId}/messages/{messageId}", (string threadId, string messageId) =>
            Json(InThread(runtime, threadId, t =>
            {
                MessageRecord message = FindMessage(t, messageId);
                t.Messages.Remove(message);
                return new DeletionResult { Id = message.Id, Object = "thread.message.deleted", Deleted = true };
            })));
    }

    private static MessageRecord FindMessage(ThreadRecord thread, string messageId) =>
        thread.FindMessage(Ids.Check(messageId, "message_id")) ?? throw ApiErrors.NotFound("message", messageId);
}
