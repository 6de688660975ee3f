using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.Logging;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Counts the attempts that reach the innermost end of the pipeline (after the retry policy and the auth handler),
/// whether or not a server ever sees them: the client-side view of "how many requests were sent".</summary>
internal sealed class AttemptCounter
{
    private int _count;
    private TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes when an attempt has been counted (since the last <see cref="Reset"/>).</summary>
    public Task FirstAttempt => Volatile.Read(ref _firstAttempt).Task;

    public void Increment()
    {
        Interlocked.Increment(ref _count);
        Volatile.Read(ref _firstAttempt).TrySetResult();
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Volatile.Write(ref _firstAttempt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}

/// <summary>A handler added innermost (after the auth handler) that counts every attempt and then passes it on.</summary>
internal sealed class CountingHandler(AttemptCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Helpers shared by the pipeline fixtures (their payloads are <see cref="Infrastructure.PipelinePayloads"/>).</summary>
internal static class PipelineTestSupport
{
    /// <summary>Adds an attempt counter as the innermost handler of the library's named client.</summary>
    public static void AddAttemptCounter(IServiceCollection services, AttemptCounter counter) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new CountingHandler(counter));

    /// <summary>A base address on 127.0.0.1 where nothing listens: a server is started for a free port and stopped.</summary>
    public static Uri RefusingBaseAddress()
    {
        using var server = WireMock.Server.WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        string url = server.Url!;
        server.Stop();
        return new Uri(url + "/v1/");
    }

    /// <summary>Asserts that every logged request carried exactly the same JSON body (compared parsed, not as text).</summary>
    public static void AssertIdenticalBodies(IReadOnlyList<ILogEntry> entries)
    {
        Assert.That(entries, Is.Not.Empty);
        JsonElement first = Parse(entries[0]);
        foreach (ILogEntry entry in entries.Skip(1))
        {
            Assert.That(JsonElement.DeepEquals(Parse(entry), first), Is.True, "a retried request carried a different body");
        }

        static JsonElement Parse(ILogEntry entry)
        {
            Assert.That(entry.RequestMessage.Body, Is.Not.Null.And.Not.Empty);
            return JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.Clone();
        }
    }
}
