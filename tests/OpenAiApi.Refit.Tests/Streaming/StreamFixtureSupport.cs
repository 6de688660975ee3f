using NUnit.Framework;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>What the WireMock stream fixtures (<see cref="RunStreamingTests"/>, <see cref="RunStreamEndTests"/>,
/// <see cref="RunStreamHttpErrorTests"/>) share.</summary>
internal static class StreamFixtureSupport
{
    public const string RunsPath = "/v1/threads/thread_s1/runs";

    /// <summary>Answers a POST to <paramref name="path"/> with an event stream.</summary>
    public static void GivenStream(this StubServer stub, string path, string body, int status = 200) =>
        stub.Server.Given(Request.Create().UsingPost().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/event-stream")
                .WithHeader("x-request-id", "req_stream1").WithBody(body));

    public static async Task<List<RunStreamEvent>> ToListAsync(IAsyncEnumerable<RunStreamEvent> events)
    {
        var list = new List<RunStreamEvent>();
        await foreach (RunStreamEvent e in events)
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>The query of a request as decoded (key, value) pairs in wire order.</summary>
    public static (string Key, string Value)[] QueryPairsOf(ILogEntry entry) =>
        new Uri(entry.RequestMessage.Url).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : string.Empty)))
            .ToArray();

    public static void AssertIsStreamRequest(ILogEntry entry, string path)
    {
        AssertRequest(entry, "POST", path);
        Assert.That(HeaderOf(entry, "Accept"), Does.Contain("text/event-stream"));
        Assert.That(BodyOf(entry).GetProperty("stream").GetBoolean(), Is.True);
    }
}
