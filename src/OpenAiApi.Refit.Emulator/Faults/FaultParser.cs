using System.Globalization;

namespace OpenAiApi.Refit.Emulator.Faults;

/// <summary>
/// Parses the fault grammar of the <c>x-emulator-fault</c> header and of <see cref="AssistantsEmulatorOptions.Faults"/>.
/// </summary>
/// <remarks>
/// <code>
/// value  = fault *( "," fault )
/// fault  = kind *( ";" name "=" value )
/// kind   = "429" | "500" | any status 400-599 | "slow" | "cut-stream" | "stall-stream" | "stream-error"
/// </code>
/// Parameters: every kind takes <c>count=N</c> (requests or streams hit, default 1) and <c>id=TEXT</c> (ignored; makes a
/// header value distinct). Status kinds take <c>retry-after=SECONDS</c> (default 1 for 429), <c>retry-after-ms=MS</c>,
/// <c>should-retry=true|false</c> (sent as <c>x-should-retry</c>) and <c>code=TEXT</c>. <c>slow</c> takes <c>delay-ms=MS</c>
/// (default 1000). The stream kinds take <c>after=K</c> (events sent first, <c>done</c> included; default 3);
/// <c>cut-stream</c> takes <c>mode=end|reset</c> (end the body cleanly without <c>done</c>, the default, or reset the
/// connection: a reset is abrupt, so events written just before it may be lost, and a reset before the response headers arrive
/// looks to the client like a failed connection); <c>stall-stream</c> takes <c>delay-ms=MS</c> (default: until the client disconnects).
/// </remarks>
internal static class FaultParser
{
    public static IReadOnlyList<FaultSpec> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var faults = new List<FaultSpec>();
        foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            faults.Add(ParseOne(part));
        }

        return faults.Count > 0 ? faults : throw new FormatException("The fault specification is empty.");
    }

    private static FaultSpec ParseOne(string text)
    {
        string[] segments = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string kind = segments[0].ToUpperInvariant();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string segment in segments.Skip(1))
        {
            int equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Fault parameter '{segment}' is not of the form name=value.");
            }

            if (!parameters.TryAdd(segment[..equals].Trim(), segment[(equals + 1)..].Trim()))
            {
                throw new FormatException($"Fault parameter '{segment[..equals]}' is given twice.");
            }
        }

        int count = Integer(parameters, "count", 1, 1, 100_000);
        parameters.Remove("id");
        FaultSpec spec = kind switch
        {
            "SLOW" => new FaultSpec { Kind = FaultKind.Slow, Count = count, Delay = TimeSpan.FromMilliseconds(Integer(parameters, "delay-ms", 1000, 0, 3_600_000)) },
            "CUT-STREAM" => new FaultSpec
            {
                Kind = FaultKind.CutStream,
                Count = count,
                After = Integer(parameters, "after", 3, 0, 100_000),
                EndCleanly = Take(parameters, "mode") switch
                {
                    null or "end" => true,
                    "reset" => false,
                    string other => throw new FormatException($"Unknown cut-stream mode '{other}': use 'end' or 'reset'."),
                },
            },
            "STALL-STREAM" => new FaultSpec
            {
                Kind = FaultKind.StallStream,
                Count = count,
                After = Integer(parameters, "after", 3, 0, 100_000),
                Delay = parameters.ContainsKey("delay-ms") ? TimeSpan.FromMilliseconds(Integer(parameters, "delay-ms", 0, 0, 3_600_000)) : null,
            },
            "RUN-FAILED" => new FaultSpec
            {
                Kind = FaultKind.RunFailed,
                Count = count,
                Code = Take(parameters, "code") is string runCode
                    ? runCode is "server_error" or "rate_limit_exceeded" or "invalid_prompt"
                        ? runCode
                        : throw new FormatException($"run-failed code must be server_error, rate_limit_exceeded or invalid_prompt, not '{runCode}'.")
                    : "server_error",
            },
            "STREAM-ERROR" => new FaultSpec { Kind = FaultKind.StreamError, Count = count, After = Integer(parameters, "after", 3, 0, 100_000) },
            _ when int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status is >= 400 and <= 599 => new FaultSpec
            {
                Kind = FaultKind.Status,
                Count = count,
                StatusCode = status,
                RetryAfter = Take(parameters, "retry-after") is string retryAfter
                    ? Number(retryAfter, "retry-after")
                    : status == 429 ? "1" : null,
                RetryAfterMs = Take(parameters, "retry-after-ms") is string ms ? Number(ms, "retry-after-ms") : null,
                ShouldRetry = Take(parameters, "should-retry") switch
                {
                    null => null,
                    "true" => "true",
                    "false" => "false",
                    string other => throw new FormatException($"should-retry must be true or false, not '{other}'."),
                },
                Code = Take(parameters, "code"),
            },
            _ => throw new FormatException(
                $"Unknown fault kind '{segments[0]}': use an HTTP status 400-599 (e.g. 429, 500), slow, cut-stream, stall-stream, stream-error or run-failed."),
        };

        if (parameters.Count > 0)
        {
            throw new FormatException($"Unknown parameter '{parameters.Keys.First()}' for fault '{segments[0]}'.");
        }

        return spec;
    }

    private static string? Take(Dictionary<string, string> parameters, string name) =>
        parameters.Remove(name, out string? value) ? value : null;

    private static int Integer(Dictionary<string, string> parameters, string name, int fallback, int min, int max)
    {
        if (Take(parameters, name) is not string text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormatException($"Fault parameter {name} must be an integer from {min} to {max}, not '{text}'.");
    }

    private static string Number(string text, string name) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? text
            : throw new FormatException($"Fault parameter {name} must be a non-negative number, not '{text}'.");
}
