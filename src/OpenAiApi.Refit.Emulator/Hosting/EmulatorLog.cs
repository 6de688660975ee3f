namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>The emulator's log messages.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Runs are answered by {Backend}.")]
    public static partial void Backend(ILogger logger, string backend);
}
