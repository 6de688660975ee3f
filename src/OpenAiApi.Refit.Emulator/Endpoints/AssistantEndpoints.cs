using System.Text.Json;
using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Endpoints.EndpointSupport;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary><c>/v1/assistants</c>: listAssistants, createAssistant, getAssistant, modifyAssistant, deleteAssistant.</summary>
internal static class AssistantEndpoints
{
    public static void Map(RouteGroupBuilder v1, EmulatorRuntime runtime)
    {
        v1.MapGet("/assistants", (HttpContext context) => Json(runtime.Store.ListAssistants(ListQuery.Parse(context.Request.Query))));

        v1.MapPost("/assistants", async (HttpContext context) =>
        {
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.CreateAssistant(body);
            AssistantCreationOptions options = RequestBody.Bind<AssistantCreationOptions>(body);
            string id = Ids.New("asst_");
            var assistant = new AssistantRecord
            {
                Id = id,
                Sequence = runtime.Store.NextSequence(id),
                CreatedAt = runtime.Now.ToUnixTimeSeconds(),
                Model = options.Model,
                Name = options.Name,
                Description = options.Description,
                Instructions = options.Instructions,
                Tools = [.. options.Tools ?? []],
                ToolResources = options.ToolResources ?? new ToolResources(),
                Metadata = Metadata(options.Metadata),
                Temperature = options.Temperature ?? 1.0,
                TopP = options.TopP ?? 1.0,
                ResponseFormat = options.ResponseFormat ?? AssistantResponseFormat.Auto,
                ReasoningEffort = options.ReasoningEffort,
            };
            Assistant snapshot = assistant.ToModel();
            runtime.Store.AddAssistant(assistant);
            return Json(snapshot);
        });

        v1.MapGet("/assistants/{assistantId}", (string assistantId) =>
            Json(runtime.Store.WithAssistant(Ids.Check(assistantId, "assistant_id"), static a => a.ToModel())));

        v1.MapPost("/assistants/{assistantId}", async (HttpContext context, string assistantId) =>
        {
            Ids.Check(assistantId, "assistant_id");
            JsonElement body = await RequestBody.ReadObjectAsync(context, runtime.Options.MaxRequestBodySize, optional: false);
            RequestChecks.ModifyAssistant(body);
            AssistantModificationOptions options = RequestBody.Bind<AssistantModificationOptions>(body);
            return Json(runtime.Store.UpdateAssistant(assistantId, a =>
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
                    a.Tools = [.. options.Tools ?? []];
                }

                if (JsonChecks.IsPresent(body, "tool_resources"))
                {
                    a.ToolResources = options.ToolResources ?? new ToolResources();
                }

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

        v1.MapDelete("/assistants/{assistantId}", (string assistantId) =>
            runtime.Store.RemoveAssistant(Ids.Check(assistantId, "assistant_id"))
                ? Json(new DeletionResult { Id = assistantId, Object = "assistant.deleted", Deleted = true })
                : throw ApiErrors.NotFound("assistant", assistantId));
    }
}
