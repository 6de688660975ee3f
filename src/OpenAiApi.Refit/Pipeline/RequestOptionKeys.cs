namespace OpenAiApi.Refit.Pipeline;

/// <summary>Every <see cref="HttpRequestMessage.Options"/> key the pipeline reads or writes, in one place: the ones Refit's generated
/// code sets on each request, and the library's own.</summary>
internal static class RequestOptionKeys
{
    /// <summary>Refit's route template of the request (<c>/threads/{threadId}/runs</c>), low-cardinality by design.</summary>
    public static readonly HttpRequestOptionsKey<string> RouteTemplate = new(global::Refit.HttpRequestMessageOptions.RelativePathTemplate);

    /// <summary>Refit's name of the interface method that built the request (<c>CreateRunAsync</c>).</summary>
    public static readonly HttpRequestOptionsKey<string> MethodName = new(global::Refit.HttpRequestMessageOptions.MethodName);

    /// <summary>Refit's interface type that built the request (<c>IRunsApi</c>).</summary>
    public static readonly HttpRequestOptionsKey<Type> InterfaceType = new(global::Refit.HttpRequestMessageOptions.InterfaceType);

    /// <summary>The decision of the classification of the latest attempt, for the retry policy.</summary>
    public static readonly HttpRequestOptionsKey<RetryDecision> RetryDecision = new("OpenAiApi.Refit.RetryDecision");

    /// <summary>The number of the attempt in progress of one call (the retry policy sends the same request again).</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("OpenAiApi.Refit.Attempt");
}
