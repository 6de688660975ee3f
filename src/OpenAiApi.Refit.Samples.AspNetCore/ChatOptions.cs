namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>The sample's own settings (configuration section <c>"Chat"</c>): which assistant answers.</summary>
public sealed class ChatOptions
{
    /// <summary>The name of the configuration section.</summary>
    public const string SectionName = "Chat";

    /// <summary>Gets or sets the id of an existing assistant to use; when empty, the sample finds the one it created earlier
    /// (by its metadata) or creates it on first use.</summary>
    public string? AssistantId { get; set; }

    /// <summary>Gets or sets the model of the assistant the sample creates.</summary>
    public string Model { get; set; } = "gpt-4o";

    /// <summary>Gets or sets the instructions of the assistant the sample creates.</summary>
    public string Instructions { get; set; } = "You are a friendly assistant. Answer briefly.";
}
