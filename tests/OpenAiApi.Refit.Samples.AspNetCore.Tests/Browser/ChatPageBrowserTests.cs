using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using static Microsoft.Playwright.Assertions;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests.Browser;

/// <summary>
/// The chat page (<c>wwwroot/index.html</c>) in a real headless Chromium driven by Playwright, against the sample listening on
/// 127.0.0.1 (Kestrel, a free port). The sample runs as <c>dotnet run</c> runs it: no <c>OpenAI:BaseAddress</c>, so it starts the
/// emulator in-process (realistic timing: the reply streams word by word). The failure test hosts a second sample pointed at a
/// server without the Assistants API. Chromium comes from the system (<c>apt-get install chromium</c>; Playwright's own browser
/// download is not used); without it the tests are ignored with a message that says how to install it.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class ChatPageBrowserTests
{
    private const string SendSelector = "#send";
    private readonly List<IAsyncDisposable> _disposables = [];
    private IPlaywright? _playwright;
    private IBrowser _browser = null!;
    private Uri _sample = null!;
    private IPage _page = null!;
    private IBrowserContext _context = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (ChromiumLocator.Find() is not { } chromium)
        {
            Assert.Ignore(ChromiumLocator.MissingMessage);
            return;
        }

        (WebApplicationFactory<Program> sample, _sample) = StartSample(settings: null);
        _disposables.Add(sample);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (IAsyncDisposable disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 900, Height = 520 } });
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePageAsync() => await _context.DisposeAsync();

    [Test]
    public async Task SendMessage_ReplyGrowsWordByWordWhileItStreams_ThenIsComplete()
    {
        await OpenChatAsync(_sample);
        await RecordReplyStatesAsync();

        await SendAsync("Hello from a real browser, streamed word by word");

        ILocator reply = _page.Locator("#log .assistant").Last;
        const string expected = "Echo: Hello from a real browser, streamed word by word";
        await Expect(reply).ToHaveTextAsync(expected);
        await Expect(reply).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("streaming"));
        await Expect(_page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^run run_\\w+: completed$"));
        await Expect(_page.Locator(SendSelector)).ToBeEnabledAsync();

        ReplyState[] states = await ReadReplyStatesAsync();
        ReplyState[] intermediate = [.. states.Where(s => s.Text.Length > 0 && s.Text != expected)];
        Assert.Multiple(() =>
        {
            Assert.That(intermediate, Has.Length.GreaterThanOrEqualTo(2), "the reply was shown at least twice before it was complete: " + string.Join(" | ", states.Select(s => s.Text)));
            Assert.That(intermediate.Select(s => s.Text.Length), Is.Ordered.Ascending, "each state is longer than the one before");
            Assert.That(intermediate.Select(s => s.Text), Is.All.Matches<string>(t => expected.StartsWith(t, StringComparison.Ordinal)), "each state is a beginning of the final reply");
            Assert.That(intermediate.Select(s => s.Streaming), Is.All.True, "the reply was marked as streaming while it grew");
            Assert.That(states[^1], Is.EqualTo(new ReplyState(expected, Streaming: false)), "it ends complete and no longer streaming");
        });
    }

    [Test]
    public async Task FunctionToolTurn_ShowsTheCall_ThenTheReplyBuiltFromItsOutput()
    {
        await OpenChatAsync(_sample);
        // Not a question: a question sharing a word with a function's name ("weather") would call that function.
        await SendAsync("Hello! Tell me about the weather.");
        await Expect(_page.Locator("#log .assistant")).ToHaveTextAsync("Echo: Hello! Tell me about the weather.");

        await SendAsync("What is the weather like? Use get_weather city=Paris");

        ILocator tool = _page.Locator("#log .tool");
        await Expect(tool).ToHaveTextAsync("called get_weather({\"city\":\"Paris\"})");
        ILocator reply = _page.Locator("#log .assistant").Last;
        await Expect(reply).ToHaveTextAsync("The tool get_weather returned: Sunny and 21 °C in Paris");
        await Expect(_page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(": completed$"));
        string[] bubbles = [.. (await _page.Locator("#log .bubble").AllAsync()).Select(b => b.GetAttributeAsync("class").GetAwaiter().GetResult() ?? string.Empty)];
        Assert.That(bubbles, Is.EqualTo(new[] { "bubble user", "bubble assistant", "bubble user", "bubble tool", "bubble assistant" }), "the call is shown between the question and the reply");

        string screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "chat.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        TestContext.AddTestAttachment(screenshot, "The chat after a streamed reply with a function call (docs/chat.png is a copy)");
    }

    [Test]
    public async Task NewConversation_ClearsThePage_AndTheNextMessageGoesToAFreshThread()
    {
        await OpenChatAsync(_sample);
        await SendAsync("first conversation");
        await Expect(_page.Locator("#log .assistant").Last).ToHaveTextAsync("Echo: first conversation");
        string firstThread = await ThreadIdAsync();

        await _page.ClickAsync("#new");

        await Expect(_page.Locator("#log > *")).ToHaveCountAsync(0);
        await Expect(_page.Locator("#status")).Not.ToHaveTextAsync("thread " + firstThread);
        await Expect(_page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^thread thread_\\w+$"));
        string secondThread = await ThreadIdAsync();
        await SendAsync("second conversation");
        await Expect(_page.Locator("#log .assistant").Last).ToHaveTextAsync("Echo: second conversation");

        Assert.That(secondThread, Is.Not.EqualTo(firstThread));
        await Expect(_page.Locator("#log .bubble")).ToHaveTextAsync(["second conversation", "Echo: second conversation"]);
    }

    [Test]
    public async Task ServerWithoutTheAssistantsApi_TheFailureIsShownToTheUser()
    {
        // Like api.openai.com after the retirement: every Assistants route answers 404 "Invalid URL".
        WebApplication gone = await StartServerWithoutAssistantsApiAsync();
        _disposables.Add(gone);
        Uri goneAddress = Address(gone.Services);
        (WebApplicationFactory<Program> sample, Uri sampleAddress) = StartSample(new Dictionary<string, string>
        {
            ["OpenAI:BaseAddress"] = new Uri(goneAddress, "v1/").ToString(),
            ["OpenAI:ApiKey"] = "sk-not-needed-here",
            ["OpenAI:MaxRetries"] = "0",
        });
        _disposables.Add(sample);

        await _page.GotoAsync(sampleAddress.ToString());

        ILocator error = _page.Locator("#log .error");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error).ToContainTextAsync("has no Assistants API");
        await Expect(_page.Locator("#status")).ToHaveTextAsync("not connected");

        await _page.FillAsync("#text", "anyone there?");
        await _page.ClickAsync(SendSelector);
        await Expect(error).ToHaveCountAsync(2);
        await Expect(error.Last).ToContainTextAsync("has no Assistants API");
        await Expect(_page.Locator(SendSelector)).ToBeEnabledAsync();
    }

    private async Task OpenChatAsync(Uri address)
    {
        await _page.GotoAsync(address.ToString());
        await Expect(_page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^thread thread_\\w+$"));
    }

    private async Task SendAsync(string text)
    {
        await _page.FillAsync("#text", text);
        await _page.ClickAsync(SendSelector);
    }

    private Task<string> ThreadIdAsync() => _page.EvaluateAsync<string>("() => sessionStorage.getItem('threadId')");

    // Every content the last assistant bubble has had, recorded in the page by a MutationObserver as the DOM changes: each delta the
    // page appends is seen, however fast the events come, without polling or sleeping in the test.
    private Task RecordReplyStatesAsync() => _page.EvaluateAsync("""
        () => {
          window.replyStates = [];
          const log = document.getElementById('log');
          new MutationObserver(() => {
            const replies = log.querySelectorAll('.assistant');
            const reply = replies[replies.length - 1];
            if (!reply) return;
            const state = { text: reply.textContent, streaming: reply.classList.contains('streaming') };
            const last = window.replyStates[window.replyStates.length - 1];
            if (!last || last.text !== state.text || last.streaming !== state.streaming) window.replyStates.push(state);
          }).observe(log, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
        }
        """);

    private async Task<ReplyState[]> ReadReplyStatesAsync()
    {
        JsonElement states = await _page.EvaluateAsync<JsonElement>("() => window.replyStates");
        return [.. states.EnumerateArray().Select(s => new ReplyState(s.GetProperty("text").GetString()!, s.GetProperty("streaming").GetBoolean()))];
    }

    /// <summary>Hosts the sample on Kestrel, 127.0.0.1 and a free port. Without settings it runs as <c>dotnet run</c> does (no
    /// <c>OpenAI:BaseAddress</c>: the emulator in-process).</summary>
    private static (WebApplicationFactory<Program> Factory, Uri Address) StartSample(IReadOnlyDictionary<string, string>? settings)
    {
        WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return (factory, Address(factory.Services));
    }

    private static async Task<WebApplication> StartServerWithoutAssistantsApiAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsJsonAsync(new
            {
                error = new { message = $"Invalid URL ({context.Request.Method} {context.Request.Path})", type = "invalid_request_error", param = (string?)null, code = (string?)null },
            });
        });
        await app.StartAsync();
        return app;
    }

    private static Uri Address(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");

    private sealed record ReplyState(string Text, bool Streaming);
}
