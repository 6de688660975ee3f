using OpenAiApi.Refit.Samples.AspNetCore;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// The client: the four Assistants interfaces, configured from appsettings.json's "OpenAI" section (BaseAddress, ApiKey…).
builder.Services.AddOpenAIAssistants(builder.Configuration.GetSection("OpenAI"));

builder.Services.Configure<ChatOptions>(builder.Configuration.GetSection(ChatOptions.SectionName));
builder.Services.AddSingleton<ChatAssistantCache>();
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
