namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The ambient slot through which <see cref="OpenAIResponseExtensions"/> receives the metadata of the responses of the call it wraps.
/// The extension opens a capture in an <see cref="AsyncLocal{T}"/>; the capture flows with the call into the HTTP pipeline, whose
/// outermost handler (<see cref="OpenAITelemetryHandler"/>) stores the metadata of every final response (after retries) into it.
/// No Refit type is involved, and a mock of an interface simply leaves the capture empty.
/// </summary>
internal sealed class ResponseMetadataCapture
{
    private static readonly AsyncLocal<ResponseMetadataCapture?> CurrentCapture = new();

    private OpenAIResponseMetadata? _last;

    /// <summary>Gets or sets the capture open in the current flow, if any.</summary>
    public static ResponseMetadataCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    /// <summary>Gets the metadata of the last response seen, or <see langword="null"/>.</summary>
    public OpenAIResponseMetadata? Last => Volatile.Read(ref _last);

    /// <summary>Stores the metadata of a response (the latest wins).</summary>
    public void Set(OpenAIResponseMetadata metadata) => Volatile.Write(ref _last, metadata);
}
