namespace OpenAiApi.Refit;

/// <summary>The result of a call together with the metadata of its response (request id, processing time, rate limits), as returned
/// by the <c>WithResponseAsync</c> extensions (<see cref="OpenAIResponseExtensions"/>).</summary>
/// <typeparam name="T">The type of the result.</typeparam>
public sealed class OpenAIResponse<T>
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIResponse{T}"/> class (e.g. in a test double).</summary>
    /// <param name="value">The result.</param>
    /// <param name="metadata">The metadata of the response.</param>
    public OpenAIResponse(T value, OpenAIResponseMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Value = value;
        Metadata = metadata;
    }

    /// <summary>Gets the result of the call.</summary>
    public T Value { get; }

    /// <summary>Gets the metadata of the (last) response of the call; <see cref="OpenAIResponseMetadata.None"/> when it sent no request.</summary>
    public OpenAIResponseMetadata Metadata { get; }
}
