using NUnit.Framework;
using OpenAiApi.Refit.Pipeline;
using Polly;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>The Polly context of a call carries the caller's token and the request to the retry policy, in our typed context or in
/// one the caller set on the request.</summary>
public sealed class PolicyContextTests
{
    [Test]
    public async Task RequestWithoutContext_GetsOursWithTheTokenAndTheRequest()
    {
        using var caller = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/v1/assistants");

        Context context = await SendAsync(request, caller.Token);

        Assert.That(context, Is.TypeOf<OpenAIPolicyContext>());
        Assert.That(OpenAIPolicyContext.CallerTokenOf(context), Is.EqualTo(caller.Token));
        Assert.That(OpenAIPolicyContext.RequestOf(context), Is.SameAs(request));
        Assert.That(context, Is.Empty, "typed fields, no entries");
    }

    [Test]
    public async Task RequestWithTheCallersOwnContext_KeepsItAndAddsTheTwoEntries()
    {
        using var caller = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/v1/assistants");
        var theirs = new Context("their-operation") { ["their-key"] = 42 };
        request.SetPolicyExecutionContext(theirs);

        Context context = await SendAsync(request, caller.Token);

        Assert.That(context, Is.SameAs(theirs));
        Assert.That(context["their-key"], Is.EqualTo(42));
        Assert.That(OpenAIPolicyContext.CallerTokenOf(context), Is.EqualTo(caller.Token));
        Assert.That(OpenAIPolicyContext.RequestOf(context), Is.SameAs(request));
    }

    [Test]
    public async Task SameRequestSentAgainWithAnotherToken_TakesTheNewToken()
    {
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/v1/assistants");

        Context before = await SendAsync(request, first.Token);
        Context after = await SendAsync(request, second.Token);

        Assert.That(after, Is.SameAs(before));
        Assert.That(OpenAIPolicyContext.CallerTokenOf(after), Is.EqualTo(second.Token));
    }

    [Test]
    public void EmptyForeignContext_HasNoTokenAndNoRequest()
    {
        var context = new Context();

        Assert.That(OpenAIPolicyContext.CallerTokenOf(context), Is.EqualTo(CancellationToken.None));
        Assert.That(OpenAIPolicyContext.RequestOf(context), Is.Null);
    }

    private static async Task<Context> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Context? seen = null;
        using var invoker = new HttpMessageInvoker(new PolicyContextHandler
        {
            InnerHandler = new CallbackHandler(r =>
            {
                seen = r.GetPolicyExecutionContext();
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
            }),
        });
        using HttpResponseMessage response = await invoker.SendAsync(request, cancellationToken);
        return seen ?? throw new AssertionException("the inner handler saw no context");
    }

    private sealed class CallbackHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
