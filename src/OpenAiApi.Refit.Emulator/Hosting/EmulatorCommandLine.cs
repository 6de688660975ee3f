namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>The standalone emulator's own switches; everything else goes to ASP.NET Core (e.g. <c>--urls</c>).</summary>
internal static class EmulatorCommandLine
{
    public const string Usage = """
        OpenAI Assistants API v2 emulator

        Usage: assistants-emulator [options]
           (from the repository: dotnet run --project src/OpenAiApi.Refit.Emulator.Tool -- [options])

          --urls URLS           where to listen (default http://127.0.0.1:5080)
          --api-key KEY         the accepted key (default sk-emulator)
          --any-key             accept any non-empty key
          --timing MODE         instant | realistic (default instant; realistic paces runs and streams for demos)
          --data PATH           keep the state in this SQLite file across restarts (default: in memory)
          --require-beta        demand the OpenAI-Beta: assistants=v2 header
          --fault SPEC          arm a fault at start, e.g. 429;count=2;retry-after=1 (repeatable; the grammar
                                is in the package README, section "Faults")
          --model-endpoint URL  answer runs with the chat model of this OpenAI-compatible /v1 endpoint
                                (e.g. http://localhost:11434/v1); without it the scripted model answers
          --model NAME          the model used when a run's model is not served by the endpoint
          --model-key-env NAME  the environment variable holding the endpoint's key (default OPENAI_API_KEY);
                                the key itself is never taken from the command line
          --help                show this text
        """;

    /// <summary>Parses the emulator's switches.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="options">The options (instant timing, as in-process, unless told otherwise).</param>
    /// <param name="rest">The arguments left for ASP.NET Core.</param>
    /// <param name="error">The problem, when parsing fails.</param>
    /// <returns><see langword="true"/> to run; <see langword="false"/> on an error or <c>--help</c> (<paramref name="error"/> is then
    /// <see langword="null"/>).</returns>
    public static bool TryParse(string[] args, out AssistantsEmulatorOptions options, out string[] rest, out string? error)
    {
        options = new AssistantsEmulatorOptions();
        var remaining = new List<string>();
        error = null;
        rest = [];
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Length)
                {
                    return args[++i];
                }

                return null;
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return false;
                case "--any-key":
                    options.ApiKey = null;
                    break;
                case "--require-beta":
                    options.RequireBetaHeader = true;
                    break;
                case "--api-key":
                    options.ApiKey = Value() ?? string.Empty;
                    if (options.ApiKey.Length == 0)
                    {
                        error = "--api-key needs a value.";
                        return false;
                    }

                    break;
                case "--timing":
                    switch (Value())
                    {
                        case "instant":
                            options.Timing = EmulatorRunTiming.Instant;
                            break;
                        case "realistic":
                            options.Timing = EmulatorRunTiming.Realistic;
                            break;
                        default:
                            error = "--timing must be 'instant' or 'realistic'.";
                            return false;
                    }

                    break;
                case "--data":
                    options.DataPath = Value();
                    if (string.IsNullOrWhiteSpace(options.DataPath))
                    {
                        error = "--data needs a file path.";
                        return false;
                    }

                    break;
                case "--fault":
                    string? fault = Value();
                    try
                    {
                        Faults.FaultParser.Parse(fault ?? string.Empty);
                    }
                    catch (FormatException ex)
                    {
                        error = "--fault: " + ex.Message;
                        return false;
                    }

                    options.Faults.Add(fault!);
                    break;
                case "--model-endpoint":
                    string? endpoint = Value();
                    if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    {
                        error = "--model-endpoint needs an absolute http or https address, e.g. http://localhost:11434/v1.";
                        return false;
                    }

                    // As configuration, so that the command line wins over appsettings.json and the environment.
                    remaining.Add($"--{EmulatorHost.ChatModelSection}:Endpoint={uri}");
                    break;
                case "--model" or "--model-key-env":
                    string? name = Value();
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        error = $"{arg} needs a value.";
                        return false;
                    }

                    remaining.Add($"--{EmulatorHost.ChatModelSection}:{(arg == "--model" ? "Model" : "KeyEnvironmentVariable")}={name}");
                    break;
                default:
                    remaining.Add(arg);
                    break;
            }
        }

        rest = [.. remaining];
        return true;
    }
}
