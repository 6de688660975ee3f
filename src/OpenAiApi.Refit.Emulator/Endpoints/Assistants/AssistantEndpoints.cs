using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints.Assistants;

/// <summary><c>/v1/assistants</c>: listAssistants, createAssistant, getAssistant, modifyAssistant, deleteAssistant.</summary>
internal static class AssistantEndpoints
{
    /// <summary>Maps the <c>/assistants</c> group.</summary>
    /// <param name="v1">The <c>/v1</c> group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapAssistants(this IEndpointRouteBuilder v1)
    {
        RouteGroupBuilder assistants = v1.MapGroup("/assistants");

        assistants.MapGet("/", (HttpContext context, EmulatorStore store) => Json(store.ListAssistants(ListQuery.Parse(context.Request.Query))));

        assistants.MapPost("/", async (HttpContext context, EmulatorStore store, AssistantsEmulatorOptions settings) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            AssistantChecks.Create(body);
            AssistantCreationOptions options = RequestBody.Bind<AssistantCreationOptions>(body);
            string id = Ids.New("asst_");
            var assistant = new AssistantRecord
            {
                Id = id,
                Sequence = store.NextSequence(id),
                CreatedAt = settings.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                Model = options.Model,
                Name = options.Name,
                Description = options.Description,
                Instructions = options.Instructions,
                Tools = WireDefaults.Tools(options.Tools),
                ToolResources = WireDefaults.AssistantResources(options.ToolResources, options.Tools ?? []),
                Metadata = Metadata(options.Metadata),
                Temperature = options.Temperature ?? 1.0,
                TopP = options.TopP ?? 1.0,
                ResponseFormat = options.ResponseFormat ?? AssistantResponseFormat.Auto,
                ReasoningEffort = options.ReasoningEffort,
            };
            Assistant snapshot = assistant.ToModel();
            store.AddAssistant(assistant);
            return Json(snapshot);
        });

        assistants.MapGet("/{assistantId}", (string assistantId, EmulatorStore store) =>
            Json(store.WithAssistant(Ids.Check(assistantId, "assistant_id"), static a => a.ToModel())));

        assistants.MapPost("/{assistantId}", async (HttpContext context, string assistantId, EmulatorStore store, AssistantsEmulatorOptions settings) =>
        {
            Ids.Check(assistantId, "assistant_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, settings.MaxRequestBodySize, optional: false);
            AssistantChecks.Modify(body);
            AssistantModificationOptions options = RequestBody.Bind<AssistantModificationOptions>(body);
            return Json(store.UpdateAssistant(assistantId, a =>
            {
                if (options.Model is not null)
                {
                    a.Model = options.Model;
                }

                if (JsonChecks.IsPresent(body, "name"))
                {
                    a.Name = options.Name;
                }

                if (JsonChecks.IsPresent(body, "description"))
                {
                    a.Description = options.Description;
                }

                if (JsonChecks.IsPresent(body, "instructions"))
                {
                    a.Instructions = options.Instructions;
                }

                if (JsonChecks.IsPresent(body, "tools"))
                {
                    a.Tools = WireDefaults.Tools(options.Tools);
                }

                if (JsonChecks.IsPresent(body, "tool_resources"))
                {
                    a.ToolResources = options.ToolResources ?? new ToolResources();
                }

                a.ToolResources = WireDefaults.AssistantResources(a.ToolResources, a.Tools);

                if (JsonChecks.IsPresent(body, "metadata"))
                {
                    a.Metadata = Metadata(options.Metadata);
                }

                if (JsonChecks.IsPresent(body, "temperature"))
                {
                    a.Temperature = options.Temperature ?? 1.0;
                }

                if (JsonChecks.IsPresent(body, "top_p"))
                {
                    a.TopP = options.TopP ?? 1.0;
                }

                if (JsonChecks.IsPresent(body, "response_format"))
                {
                    a.ResponseFormat = options.ResponseFormat ?? AssistantResponseFormat.Auto;
                }

                if (JsonChecks.IsPresent(body, "reasoning_effort"))
                {
                    a.ReasoningEffort = options.ReasoningEffort;
                }

                return a.ToModel();
            }));
        });

        assistants.MapDelete("/{assistantId}", (string assistantId, EmulatorStore store) =>
            store.RemoveAssistant(Ids.Check(assistantId, "assistant_id"))
                ? Json(new DeletionResult { Id = assistantId, Object = "assistant.deleted", Deleted = true })
                : throw ApiErrors.NotFound("assistant", assistantId));

        return assistants;
    }
}
