using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of create-thread-and-run: a new thread and a run on it (<see cref="RunSettings"/>), in one request.</summary>
public sealed class ThreadAndRunCreationOptions : RunSettings
{
    /// <summary>Initializes a new instance of the <see cref="ThreadAndRunCreationOptions"/> class.</summary>
    public ThreadAndRunCreationOptions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ThreadAndRunCreationOptions"/> class.</summary>
    /// <param name="assistantId">The id of the assistant to run.</param>
    [SetsRequiredMembers]
    public ThreadAndRunCreationOptions(string assistantId)
    {
        AssistantId = assistantId;
    }

    /// <summary>Gets or sets the thread to create; when <see langword="null"/>, an empty thread is created.</summary>
    public ThreadCreationOptions? Thread { get; set; }

    /// <summary>Gets or sets the resources of the tools (code interpreter files, file search vector stores).</summary>
    public ToolResources? ToolResources { get; set; }

    /// <summary>Returns a shallow copy with <see cref="RunSettings.Stream"/> set, leaving this instance unchanged.</summary>
    /// <returns>The copy.</returns>
    internal ThreadAndRunCreationOptions CloneForStreaming()
    {
        var copy = (ThreadAndRunCreationOptions)MemberwiseClone();
        copy.Stream = true;
        return copy;
    }
}
