namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Outside the retry policy, once per call: hands the final response's metadata (request id, processing time, rate limits; read by
/// <see cref="WireHeaders.MetadataOf"/>) to the <see cref="OpenAIClientContext.ResponseCapture"/> open in the calling flow, as
/// <c>WithResponseAsync</c> opens one. With no capture open, which is every call but those, it only passes the request on.
/// </summary>
internal sealed class ResponseMetadataCaptureHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        OpenAIClientContext.ResponseCapture.Current is { } capture
            ? SendAndCaptureAsync(request, capture, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendAndCaptureAsync(
        HttpRequestMessage request, OpenAIClientContext.ResponseCapture capture, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        capture.Set(WireHeaders.MetadataOf(response));
        return response;
    }
}
