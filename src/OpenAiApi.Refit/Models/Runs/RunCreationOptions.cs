using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of create-run: which assistant runs the thread, and per-run overrides (<see cref="RunSettings"/>).</summary>
public sealed class RunCreationOptions : RunSettings
{
    /// <summary>Initializes a new instance of the <see cref="RunCreationOptions"/> class.</summary>
    public RunCreationOptions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunCreationOptions"/> class.</summary>
    /// <param name="assistantId">The id of the assistant to run.</param>
    [SetsRequiredMembers]
    public RunCreationOptions(string assistantId)
    {
        AssistantId = assistantId;
    }

    /// <summary>Gets or sets instructions appended to the instructions of the run.</summary>
    public string? AdditionalInstructions { get; set; }

    /// <summary>Gets or sets messages added to the thread before the run starts.</summary>
    public IList<MessageCreationOptions>? AdditionalMessages { get; set; }

    /// <summary>Returns a shallow copy with <see cref="RunSettings.Stream"/> set, leaving this instance unchanged.</summary>
    /// <returns>The copy.</returns>
    internal RunCreationOptions CloneForStreaming()
    {
        var copy = (RunCreationOptions)MemberwiseClone();
        copy.Stream = true;
        return copy;
    }
}
