using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Pipeline;

/// <content>The checks of request bodies, run by the content serializer before a body is written.</content>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Every body parameter of the Refit interfaces is named options.")]
internal static partial class RequestValidation
{
    /// <summary>Checks a request body: metadata limits (on the body and on nested messages) and nested required values.</summary>
    public static void ValidateBody<T>(T body)
    {
        switch (body)
        {
            case AssistantCreationOptions o:
                ValidateMetadata(o.Metadata, "options.Metadata");
                break;
            case AssistantModificationOptions o:
                ValidateMetadata(o.Metadata, "options.Metadata");
                break;
            case ThreadCreationOptions o:
                ValidateThread(o, "options");
                break;
            case ThreadModificationOptions o:
                ValidateMetadata(o.Metadata, "options.Metadata");
                break;
            case ThreadAndRunCreationOptions o:
                ValidateId(o.AssistantId, "options.AssistantId");
                ValidateMetadata(o.Metadata, "options.Metadata");
                if (o.Thread is not null)
                {
                    ValidateThread(o.Thread, "options.Thread");
                }

                break;
            case MessageCreationOptions o:
                ValidateMessage(o, "options");
                break;
            case MessageModificationOptions o:
                ValidateMetadata(o.Metadata, "options.Metadata");
                break;
            case RunCreationOptions o:
                ValidateId(o.AssistantId, "options.AssistantId");
                ValidateMetadata(o.Metadata, "options.Metadata");
                if (o.AdditionalMessages is not null)
                {
                    foreach (MessageCreationOptions message in o.AdditionalMessages)
                    {
                        ValidateMessage(message, "options.AdditionalMessages");
                    }
                }

                break;
            case RunModificationOptions o:
                ValidateMetadata(o.Metadata, "options.Metadata");
                break;
            case ToolOutputsSubmissionOptions o:
                if (o.ToolOutputs is null || o.ToolOutputs.Count == 0)
                {
                    throw new ArgumentException("At least one tool output is required.", "options");
                }

                foreach (ToolOutput output in o.ToolOutputs)
                {
                    if (output is null || string.IsNullOrEmpty(output.ToolCallId))
                    {
                        throw new ArgumentException("Every tool output needs the id of the tool call it answers.", "options");
                    }
                }

                break;
        }
    }

    private static void ValidateThread(ThreadCreationOptions thread, string parameterName)
    {
        ValidateMetadata(thread.Metadata, parameterName + ".Metadata");
        if (thread.Messages is not null)
        {
            foreach (MessageCreationOptions message in thread.Messages)
            {
                ValidateMessage(message, parameterName + ".Messages");
            }
        }
    }

    private static void ValidateMessage(MessageCreationOptions? message, string parameterName)
    {
        if (message is null)
        {
            throw new ArgumentNullException(parameterName, "A message is required.");
        }

        if (message.Content is null)
        {
            throw new ArgumentException("A message needs content.", parameterName);
        }

        ValidateMetadata(message.Metadata, parameterName + ".Metadata");
    }
}
