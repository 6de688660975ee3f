using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Hosting;

namespace OpenAiApi.Refit.Emulator;

/// <summary>
/// A local OpenAI Assistants API v2 server: all 23 operations under <c>/v1</c>, stateful and thread-safe, with the spec's
/// shapes, validation and error bodies, cursor pagination, runs driven by a deterministic scripted model, server-sent event
/// streams, and fault injection for resilience tests.
/// </summary>
/// <remarks>
/// <para>Start one in-process on 127.0.0.1 and a free port:</para>
/// <code>
/// await using var emulator = await AssistantsEmulator.StartAsync();
/// services.AddOpenAIAssistants(o => { o.BaseAddress = emulator.BaseAddress; o.ApiKey = emulator.ApiKey; });
/// </code>
/// <para>or standalone, with the <c>OpenAiApi.Refit.Emulator.Tool</c> .NET tool: <c>assistants-emulator --urls http://127.0.0.1:5080</c>.</para>
/// <para>Runs are answered by the deterministic scripted model unless <see cref="AssistantsEmulatorOptions.ChatModel"/> names a chat
/// model. Faults are armed with the <c>x-emulator-fault</c> header (<see cref="FaultHeaderName"/>), <see cref="InjectFault"/> or
/// <see cref="AssistantsEmulatorOptions.Faults"/>, e.g. <c>429;count=2;retry-after=1</c>. The scripted model's rule and the fault
/// grammar are documented once, in the package's README ("The scripted model", "Faults").</para>
/// </remarks>
public sealed class AssistantsEmulator : IAsyncDisposable
{
    /// <summary>The request header that injects faults.</summary>
    public const string FaultHeaderName = "x-emulator-fault";

    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private int _disposed;

    private AssistantsEmulator(WebApplication app, EmulatorRuntime runtime, Uri root)
    {
        _app = app;
        _runtime = runtime;
        RootAddress = root;
        BaseAddress = new Uri(root, "v1/");
    }

    /// <summary>Gets the base address of the API, ending in <c>/v1/</c> (e.g. <c>http://127.0.0.1:53124/v1/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the server's root address (e.g. <c>http://127.0.0.1:53124/</c>).</summary>
    public Uri RootAddress { get; }

    /// <summary>Gets an API key the emulator accepts.</summary>
    public string ApiKey => string.IsNullOrEmpty(_runtime.Options.ApiKey) ? AssistantsEmulatorOptions.DefaultApiKey : _runtime.Options.ApiKey;

    /// <summary>Starts an emulator in-process on 127.0.0.1 (a free port unless <see cref="AssistantsEmulatorOptions.Port"/> is set).</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults (instant runs, key <c>sk-emulator</c>).</param>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="InvalidOperationException">The <see cref="AssistantsEmulatorOptions.DataPath"/> file cannot be used: another
    /// process has it open, a newer emulator wrote it, or it is not an emulator data file (the message says which).</exception>
    public static async Task<AssistantsEmulator> StartAsync(AssistantsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AssistantsEmulatorOptions();
        options.Validate();
        (WebApplication app, EmulatorRuntime runtime) = EmulatorHost.BuildInProcess(options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new AssistantsEmulator(app, runtime, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>Arms faults, in the <c>x-emulator-fault</c> grammar (e.g. <c>429;count=2;retry-after=1</c>).</summary>
    /// <param name="fault">The fault specification.</param>
    /// <exception cref="ArgumentException">The specification does not follow the grammar.</exception>
    public void InjectFault(string fault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fault);
        try
        {
            _runtime.Faults.Arm(FaultParser.Parse(fault));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(fault), ex);
        }
    }

    /// <summary>Disarms every fault and forgets the fault header values seen so far.</summary>
    public void ClearFaults() => _runtime.Faults.Clear();

    /// <summary>Deletes every assistant, thread, message and run, and clears the faults.</summary>
    public void Reset()
    {
        _runtime.Store.Clear();
        _runtime.Faults.Clear();
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }
}
