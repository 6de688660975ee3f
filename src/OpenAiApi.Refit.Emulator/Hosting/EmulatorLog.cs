namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>The emulator's log messages.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Runs are answered by {Backend}.")]
    public static partial void Backend(ILogger logger, string backend);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The emulator failed on {Method} {Path}; answered 500.")]
    public static partial void Failed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Refused an incorrect API key ({MaskedKey}); answered 401.")]
    public static partial void WrongKey(ILogger logger, string maskedKey);
}
