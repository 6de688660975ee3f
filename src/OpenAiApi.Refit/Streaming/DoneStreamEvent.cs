namespace OpenAiApi.Refit.Streaming;

/// <summary>The <c>done</c> event (data <c>[DONE]</c>): the stream is over. The streaming helpers yield it last and read nothing after it.</summary>
public sealed class DoneStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="DoneStreamEvent"/> class.</summary>
    public DoneStreamEvent()
        : base(RunStreamEventNames.Done, null)
    {
    }
}
