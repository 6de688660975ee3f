using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

public sealed class HostingTests
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync();

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public void BaseAddress_InProcess_IsLoopbackWithAPortAndEndsInV1()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_harness.Emulator.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(_harness.Emulator.BaseAddress.Port, Is.GreaterThan(0));
            Assert.That(_harness.Emulator.BaseAddress.AbsolutePath, Is.EqualTo("/v1/"));
            Assert.That(_harness.Emulator.ApiKey, Is.EqualTo(AssistantsEmulatorOptions.DefaultApiKey));
        });
    }

    [Test]
    public async Task EveryResponse_CarriesADistinctRequestId()
    {
        RawResponse ok = await _harness.SendAsync(HttpMethod.Get, "assistants");
        RawResponse notFound = await _harness.SendAsync(HttpMethod.Get, "assistants/asst_x");
        RawResponse unauthorized = await _harness.SendAsync(HttpMethod.Get, "assistants", key: null);

        string?[] ids = [ok.Header("x-request-id"), notFound.Header("x-request-id"), unauthorized.Header("x-request-id")];
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.All.Match("^req_[0-9a-f]{32}$"));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task StartAsync_AnyKeyAndBetaRequired_AreHonoured()
    {
        await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { ApiKey = null, RequireBetaHeader = true });
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-anything-goes");

        using HttpResponseMessage withoutBeta = await client.GetAsync("assistants");
        client.DefaultRequestHeaders.Add("OpenAI-Beta", "assistants=v2");
        using HttpResponseMessage withBeta = await client.GetAsync("assistants");

        Assert.Multiple(async () =>
        {
            Assert.That(withoutBeta.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await withoutBeta.Content.ReadAsStringAsync(), Does.Contain("invalid_beta"));
            Assert.That(withBeta.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task DisposeAsync_StopsTheServer()
    {
        AssistantsEmulator emulator = await AssistantsEmulator.StartAsync();
        Uri address = emulator.BaseAddress;
        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        using var client = new HttpClient();
        Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(new Uri(address, "assistants")));
    }

    [Test]
    public void StartAsync_InvalidOptions_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { Port = -1 }));
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { MaxRequestBodySize = 0 }));
        });
    }

    /// <summary>The tool as a user starts it (no <c>--timing</c>): it serves the API with instant timing, like the in-process
    /// emulator, so a run created is finished by the next request and the poll hint is 0 ms.</summary>
    [Test]
    public async Task Standalone_Urls_ServesTheApiWithInstantTimingByDefault()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenAiApi.Refit.Emulator.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--api-key", "sk-standalone" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        try
        {
            string? baseAddress = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (baseAddress is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is string line)
            {
                const string marker = "base address ";
                int index = line.IndexOf(marker, StringComparison.Ordinal);
                if (index >= 0)
                {
                    baseAddress = line[(index + marker.Length)..].Split(' ')[0];
                }
            }

            Assert.That(baseAddress, Does.Match(@"^http://127\.0\.0\.1:\d+/v1/$"));
            using var client = new HttpClient { BaseAddress = new Uri(baseAddress!) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-standalone");
            using HttpResponseMessage response = await client.PostAsync("threads", null);
            string thread = await response.Content.ReadAsStringAsync();
            string threadId = (await ReadAsync(response)).GetProperty("id").GetString()!;
            using HttpResponseMessage assistant = await client.PostAsync("assistants", JsonContent("""{"model":"gpt-4o"}"""));
            string assistantId = (await ReadAsync(assistant)).GetProperty("id").GetString()!;
            using HttpResponseMessage created = await client.PostAsync($"threads/{threadId}/runs", JsonContent($$"""{"assistant_id":"{{assistantId}}"}"""));
            JsonElement run = await ReadAsync(created);
            using HttpResponseMessage polled = await client.GetAsync($"threads/{threadId}/runs/{run.GetProperty("id").GetString()}");
            JsonElement finished = await ReadAsync(polled);

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(thread, Does.Contain("\"object\":\"thread\""));
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("queued"));
                Assert.That(created.Headers.GetValues("openai-poll-after-ms"), Is.EqualTo(new[] { "0" }));
                Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("completed"), "instant timing: the next request sees the run finished");
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
