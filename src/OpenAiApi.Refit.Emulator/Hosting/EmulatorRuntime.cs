using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;

namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>Everything one emulator instance shares between requests.</summary>
internal sealed class EmulatorRuntime
{
    public EmulatorRuntime(AssistantsEmulatorOptions options)
    {
        Options = options;
        Store = new EmulatorStore();
        Engine = new RunEngine(options, Store);
        Faults = new FaultInjector();
        foreach (string fault in options.Faults)
        {
            Faults.Arm(FaultParser.Parse(fault));
        }
    }

    public AssistantsEmulatorOptions Options { get; }

    public EmulatorStore Store { get; }

    public RunEngine Engine { get; }

    public FaultInjector Faults { get; }

    /// <summary>Gets or sets what answers runs, for the startup log.</summary>
    public string Backend { get; set; } = "the scripted model (deterministic, offline)";

    public TimeProvider Time => Options.TimeProvider;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Gets the <c>openai-poll-after-ms</c> value.</summary>
    public string PollAfterMilliseconds =>
        ((long)(Options.Timing.PollAfter ?? Options.Timing.TransitionDelay).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
