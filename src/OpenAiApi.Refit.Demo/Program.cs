using OpenAiApi.Refit.Demo;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await DemoApp.MainAsync(
    new DemoSettings
    {
        BaseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL"),
        ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
        Model = Environment.GetEnvironmentVariable("OPENAI_MODEL"),
        ModelEndpoint = Environment.GetEnvironmentVariable("OPENAI_MODEL_ENDPOINT"),
    },
    Console.Out,
    Console.Error,
    cancellation.Token);
