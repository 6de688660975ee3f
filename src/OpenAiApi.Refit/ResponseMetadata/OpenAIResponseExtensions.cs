using OpenAiApi.Refit.Pipeline;

namespace OpenAiApi.Refit;

/// <summary>Calls an operation and returns its result with the metadata of its response: the <c>x-request-id</c>, the
/// <c>openai-processing-ms</c> and the <c>x-ratelimit-*</c> values (<see cref="OpenAIResponseMetadata"/>).</summary>
/// <remarks>
/// <code>
/// OpenAIResponse&lt;ThreadRun&gt; response = await runs.WithResponseAsync(r =&gt; r.GetRunAsync(threadId, runId, ct));
/// logger.LogInformation("request {Id}, {Left} requests left", response.Metadata.RequestId, response.Metadata.RateLimits.RemainingRequests);
/// </code>
/// <para>The metadata is that of the last response the call received (after retries; for a call that sends several requests, such as
/// a helper, the last of them). The HTTP pipeline of the registered client fills it in through an ambient (<see cref="AsyncLocal{T}"/>)
/// slot, so it works with every interface method and extension; a call that sends no request (a mock) gets
/// <see cref="OpenAIResponseMetadata.None"/>. On failure the exception is thrown as usual: <c>OpenAIApiException.RequestId</c> and
/// <c>OpenAIRateLimitException.RateLimits</c> carry the same values.</para>
/// </remarks>
public static class OpenAIResponseExtensions
{
    /// <summary>Calls <paramref name="call"/> on <paramref name="assistants"/> and returns its result with the response metadata.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="assistants">The assistants API.</param>
    /// <param name="call">The call, e.g. <c>a =&gt; a.GetAssistantAsync(id, ct)</c>.</param>
    /// <returns>The result and the metadata of the call's last response.</returns>
    public static Task<OpenAIResponse<T>> WithResponseAsync<T>(this IAssistantsApi assistants, Func<IAssistantsApi, Task<T>> call) =>
        CaptureAsync(assistants, call);

    /// <summary>Calls <paramref name="call"/> on <paramref name="threads"/> and returns its result with the response metadata.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="threads">The threads API.</param>
    /// <param name="call">The call, e.g. <c>t =&gt; t.GetThreadAsync(id, ct)</c>.</param>
    /// <returns>The result and the metadata of the call's last response.</returns>
    public static Task<OpenAIResponse<T>> WithResponseAsync<T>(this IThreadsApi threads, Func<IThreadsApi, Task<T>> call) =>
        CaptureAsync(threads, call);

    /// <summary>Calls <paramref name="call"/> on <paramref name="messages"/> and returns its result with the response metadata.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="messages">The messages API.</param>
    /// <param name="call">The call, e.g. <c>m =&gt; m.ListMessagesAsync(threadId, cancellationToken: ct)</c>.</param>
    /// <returns>The result and the metadata of the call's last response.</returns>
    public static Task<OpenAIResponse<T>> WithResponseAsync<T>(this IMessagesApi messages, Func<IMessagesApi, Task<T>> call) =>
        CaptureAsync(messages, call);

    /// <summary>Calls <paramref name="call"/> on <paramref name="runs"/> and returns its result with the response metadata.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="runs">The runs API.</param>
    /// <param name="call">The call, e.g. <c>r =&gt; r.GetRunAsync(threadId, runId, ct)</c>.</param>
    /// <returns>The result and the metadata of the call's last response.</returns>
    public static Task<OpenAIResponse<T>> WithResponseAsync<T>(this IRunsApi runs, Func<IRunsApi, Task<T>> call) =>
        CaptureAsync(runs, call);

    private static Task<OpenAIResponse<T>> CaptureAsync<TApi, T>(TApi api, Func<TApi, Task<T>> call)
        where TApi : class
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(call);
        return CaptureCoreAsync(api, call);
    }

    private static async Task<OpenAIResponse<T>> CaptureCoreAsync<TApi, T>(TApi api, Func<TApi, Task<T>> call)
    {
        using OpenAIClientContext.ResponseCapture capture = OpenAIClientContext.CaptureResponses();
        T value = await call(api).ConfigureAwait(false);
        return new OpenAIResponse<T>(value, capture.Last ?? OpenAIResponseMetadata.None);
    }
}
