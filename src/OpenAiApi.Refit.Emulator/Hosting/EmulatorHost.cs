using System.Net;
using OpenAiApi.Refit.Emulator.Endpoints.Assistants;
using OpenAiApi.Refit.Emulator.Endpoints.Messages;
using OpenAiApi.Refit.Emulator.Endpoints.Runs;
using OpenAiApi.Refit.Emulator.Endpoints.Threads;
using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;

namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>Builds the emulator's web application, in-process (127.0.0.1, nothing read from the environment) or standalone.</summary>
internal static class EmulatorHost
{
    public const string DefaultStandaloneUrl = "http://127.0.0.1:5080";

    /// <summary>The response header carrying the request's id.</summary>
    public const string RequestIdHeader = "x-request-id";

    /// <summary>The configuration section of the standalone emulator's chat model (<c>Endpoint</c>, <c>Model</c>,
    /// <c>KeyEnvironmentVariable</c>): <c>appsettings.json</c>, <c>Emulator__ChatModel__Endpoint</c>, or the command line.</summary>
    public const string ChatModelSection = "Emulator:ChatModel";

    /// <summary>The longest request line Kestrel reads (64 KiB, its default is 8 KiB): an over-long id in the path or the query then
    /// reaches the emulator's checks and gets an OpenAI-style 400, instead of Kestrel's bodiless 414.</summary>
    private const int MaxRequestLineSize = 64 * 1024;

    // Kestrel's own body limit is off (MaxRequestBodySize = null): it resets the connection, which the client sees as a broken
    // pipe and answers by sending the body again. The emulator's limit (options.MaxRequestBodySize) is enforced in one place,
    // RequestBody, which answers every oversized body with the JSON 400 request_too_large, at any size.

    /// <summary>Builds an application that listens on 127.0.0.1 only and reads no configuration or environment.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The application and its runtime.</returns>
    public static (WebApplication App, EmulatorRuntime Runtime) BuildInProcess(AssistantsEmulatorOptions options)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
        });
        builder.Services.AddRoutingCore();
        if (options.ConfigureLogging is not null)
        {
            options.ConfigureLogging(builder.Logging);
        }

        return Configure(builder, options);
    }

    /// <summary>Builds the standalone application: ASP.NET Core's usual configuration (<c>--urls</c>, environment, logging to the
    /// console), listening on <see cref="DefaultStandaloneUrl"/> unless told otherwise.</summary>
    /// <param name="options">The options.</param>
    /// <param name="args">The remaining command-line arguments.</param>
    /// <returns>The application and its runtime.</returns>
    public static (WebApplication App, EmulatorRuntime Runtime) BuildStandalone(AssistantsEmulatorOptions options, string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultStandaloneUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
        });
        options.ConfigureLogging?.Invoke(builder.Logging);
        BindChatModel(builder.Configuration, options.ChatModel);
        return Configure(builder, options);
    }

    private static (WebApplication App, EmulatorRuntime Runtime) Configure(WebApplicationBuilder builder, AssistantsEmulatorOptions options)
    {
        var runtime = new EmulatorRuntime(options);
        builder.Services
            .AddSingleton(options)
            .AddSingleton(runtime.Store)
            .AddSingleton(runtime.Engine)
            .AddSingleton(runtime.Faults)
            .AddSingleton<RunStreamer>()
            .AddSingleton<ApiAccessFilter>()
            .AddExceptionHandler<EmulatorExceptionHandler>()
            .AddProblemDetails(); // UseExceptionHandler() demands a fallback; EmulatorExceptionHandler answers every exception first

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenAiApi.Refit.Emulator");
        if (ChatClientRunModel.Create(options.ChatModel, Environment.GetEnvironmentVariable) is ChatClientRunModel model)
        {
            runtime.Engine.UseModel(model, app.Lifetime.ApplicationStopping);
            app.Lifetime.ApplicationStopped.Register(model.Dispose);
            runtime.Backend = model.Description;
        }

        EmulatorLog.Backend(logger, runtime.Backend);
        ApiAccessFilter access = app.Services.GetRequiredService<ApiAccessFilter>();

        // Outside in: the response headers of every answer; error bodies for everything thrown below; the 404/405 routing leaves
        // empty (after the access checks); injected request faults; routing; the /v1 group's access filter; the endpoints.
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(StampResponseHeaders, context.Response);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => UnknownRoutes.AnswerAsync(context, access));
        app.UseMiddleware<FaultMiddleware>();
        app.UseRouting();
        RouteGroupBuilder v1 = app.MapGroup("/v1").AddEndpointFilter(access);
        v1.MapAssistants();
        v1.MapThreads();
        v1.MapMessages();
        v1.MapRuns();
        v1.MapRunSteps();
        return (app, runtime);
    }

    /// <summary>Adds the headers the real service sends on every response (<c>x-request-id</c>, <c>openai-version</c>), just
    /// before it starts, so that an error answer (whose handler clears the response first) carries them too.</summary>
    private static Task StampResponseHeaders(object state)
    {
        var response = (HttpResponse)state;
        response.Headers[RequestIdHeader] = Ids.NewRequestId();
        response.Headers["openai-version"] = "2020-10-01";
        return Task.CompletedTask;
    }

    /// <summary>Binds the chat model from configuration: the <see cref="ChatModelSection"/> section (command line, environment,
    /// <c>appsettings.json</c>), else the demo's variables <c>OPENAI_MODEL_ENDPOINT</c> and <c>OPENAI_MODEL</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="chatModel">The options to fill.</param>
    /// <exception cref="ArgumentException">A value is invalid.</exception>
    public static void BindChatModel(IConfiguration configuration, EmulatorChatModelOptions chatModel)
    {
        IConfigurationSection section = configuration.GetSection(ChatModelSection);
        string? endpoint = section["Endpoint"] ?? configuration["OPENAI_MODEL_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            chatModel.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException("The chat model endpoint must be an absolute http or https address, e.g. http://localhost:11434/v1.", nameof(chatModel));
            chatModel.Model ??= section["Model"] ?? configuration["OPENAI_MODEL"];
        }
        else
        {
            chatModel.Model ??= section["Model"];
        }

        chatModel.KeyEnvironmentVariable = section["KeyEnvironmentVariable"] ?? chatModel.KeyEnvironmentVariable;
        chatModel.Validate();
    }
}
