using OpenAiApi.Refit.Samples.AspNetCore;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// No Assistants server configured (OpenAI:BaseAddress): start the emulator in-process and point the client at it, so that
// `dotnet run` is all the sample needs. Configured, the sample uses that server and starts nothing.
await InProcessEmulator.StartIfUnconfiguredAsync(builder);

// The client: the four Assistants interfaces, configured from the "OpenAI" section (BaseAddress, ApiKey…).
builder.Services.AddOpenAIAssistants(builder.Configuration.GetSection("OpenAI"));

builder.Services.Configure<ChatOptions>(builder.Configuration.GetSection(ChatOptions.SectionName));
builder.Services.AddSingleton<ChatAssistantCache>();
builder.Services.AddSingleton(ChatTools.Create());
builder.Services.AddScoped<ChatService>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<AssistantsExceptionHandler>();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapChatEndpoints();
await app.RunAsync();

/// <summary>The sample's entry point (top-level statements); public so that tests can use <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
