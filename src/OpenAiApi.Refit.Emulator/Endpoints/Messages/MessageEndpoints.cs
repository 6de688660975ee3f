using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints.Messages;

/// <summary><c>/v1/threads/{thread_id}/messages</c>: listMessages (with <c>run_id</c>), createMessage, getMessage,
/// modifyMessage, deleteMessage.</summary>
internal static class MessageEndpoints
{
    /// <summary>Maps the <c>/threads/{threadId}/messages</c> group.</summary>
    /// <param name="v1">The <c>/v1</c> group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder v1)
    {
        RouteGroupBuilder messages = v1.MapGroup("/threads/{threadId}/messages");

        messages.MapGet("/", (HttpContext context, string threadId, EmulatorStore store, RunEngine engine) =>
        {
            ListQuery query = ListQuery.Parse(context.Request.Query);
            string? runId = ListQuery.OptionalId(context.Request.Query, "run_id");
            return Json(InThread(store, engine, threadId, t => store.Page(
                runId is null ? t.Messages : [.. t.Messages.Where(m => m.RunId == runId)],
                static m => m.Sequence,
                static m => m.Id,
                static m => m.ToModel(),
                query)));
        });

        messages.MapPost("/", async (HttpContext context, string threadId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            MessageChecks.Create(body);
            MessageCreationOptions options = RequestBody.Bind<MessageCreationOptions>(body);
            return Json(InThread(store, engine, threadId, t =>
            {
                if (t.ActiveRun() is RunRecord active)
                {
                    throw ApiErrors.BadRequest($"Can't add messages to {t.Id} while a run {active.Id} is active.", null, "thread_locked");
                }

                return MessageFactory.Add(store, engine.Now, t, options).ToModel();
            }));
        });

        messages.MapGet("/{messageId}", (string threadId, string messageId, EmulatorStore store, RunEngine engine) =>
            Json(InThread(store, engine, threadId, t => FindMessage(t, messageId).ToModel())));

        messages.MapPost("/{messageId}", async (HttpContext context, string threadId, string messageId, EmulatorStore store, RunEngine engine, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(threadId, "thread_id");
            Ids.Check(messageId, "message_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            CommonChecks.MetadataOnly(body);
            MessageModificationOptions options = RequestBody.Bind<MessageModificationOptions>(body);
            return Json(InThread(store, engine, threadId, t =>
            {
                MessageRecord message = FindMessage(t, messageId);
                if (JsonChecks.IsPresent(body, "metadata"))
                {
                    message.Metadata = Metadata(options.Metadata);
                    t.MarkChanged(message.Id);
                }

                // The real service answered a modification with the v1 field file_ids ([]) besides the v2 fields.
                ThreadMessage modified = message.ToModel();
                modified.AdditionalProperties = new Dictionary<string, JsonElement> { ["file_ids"] = JsonSerializer.SerializeToElement(Array.Empty<string>()) };
                return modified;
            }));
        });

        messages.MapDelete("/{messageId}", (string threadId, string messageId, EmulatorStore store, RunEngine engine) =>
            Json(InThread(store, engine, threadId, t =>
            {
                MessageRecord message = FindMessage(t, messageId);
                t.Messages.Remove(message);
                return new DeletionResult { Id = message.Id, Object = "thread.message.deleted", Deleted = true };
            })));

        return messages;
    }

    private static MessageRecord FindMessage(ThreadRecord thread, string messageId) =>
        thread.FindMessage(Ids.Check(messageId, "message_id")) ?? throw ApiErrors.NotFound("message", messageId);
}
