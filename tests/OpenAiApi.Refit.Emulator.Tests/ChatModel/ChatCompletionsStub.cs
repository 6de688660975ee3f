using System.Text;
using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OpenAiApi.Refit.Emulator.Tests.ChatModel;

/// <summary>Answers as an OpenAI-compatible <c>/v1/chat/completions</c> endpoint on a WireMock server, with streamed chunks.</summary>
public static class ChatCompletionsStub
{
    /// <summary>A request whose conversation carries a tool's output (the follow-up of a tool call) gets <paramref name="words"/>.</summary>
    public static void AnswerToolOutputs(WireMockServer server, string[] words, int promptTokens) =>
        server.Given(Request.Create().UsingPost().WithPath("/v1/chat/completions").WithBody(new WildcardMatcher("*\"role\":\"tool\"*")))
            .AtPriority(1)
            .RespondWith(Text(words, promptTokens));

    /// <summary>A request that declares <paramref name="function"/> gets a call to it, its arguments streamed in two pieces.</summary>
    public static void CallFunction(WireMockServer server, string function, string callId, string arguments, int promptTokens)
    {
        int half = arguments.Length / 2;
        server.Given(Request.Create().UsingPost().WithPath("/v1/chat/completions").WithBody(new WildcardMatcher($"*{function}*")))
            .AtPriority(2)
            .RespondWith(EventStream(
            [
                $$$"""{"role":"assistant","tool_calls":[{"index":0,"id":"{{{callId}}}","type":"function","function":{"name":"{{{function}}}","arguments":""}}]}""",
                $$$"""{"tool_calls":[{"index":0,"function":{"arguments":{{{JsonSerializer.Serialize(arguments[..half])}}}}}]}""",
                $$$"""{"tool_calls":[{"index":0,"function":{"arguments":{{{JsonSerializer.Serialize(arguments[half..])}}}}}]}""",
            ], "tool_calls", promptTokens, 9));
    }

    /// <summary>Any other request gets <paramref name="words"/>.</summary>
    public static void AnswerText(WireMockServer server, string[] words, int promptTokens) =>
        server.Given(Request.Create().UsingPost().WithPath("/v1/chat/completions"))
            .AtPriority(3)
            .RespondWith(Text(words, promptTokens));

    private static IResponseBuilder Text(string[] words, int promptTokens) =>
        EventStream([.. words.Select(w => JsonSerializer.Serialize(new Dictionary<string, string> { ["content"] = w }))], "stop", promptTokens, words.Length);

    /// <summary>An OpenAI chat-completions stream: one chunk per delta, the finish reason, the usage chunk, <c>[DONE]</c>.</summary>
    private static IResponseBuilder EventStream(string[] deltas, string finish, int promptTokens, int completionTokens)
    {
        var body = new StringBuilder();
        void Chunk(string choices, string? usage = null) =>
            body.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o-mini\",\"choices\":")
                .Append(choices).Append(usage is null ? string.Empty : ",\"usage\":" + usage).Append("}\n\n");
        foreach (string delta in deltas)
        {
            Chunk($$"""[{"index":0,"delta":{{delta}},"finish_reason":null}]""");
        }

        Chunk($$"""[{"index":0,"delta":{},"finish_reason":"{{finish}}"}]""");
        Chunk("[]", $$"""{"prompt_tokens":{{promptTokens}},"completion_tokens":{{completionTokens}},"total_tokens":{{promptTokens + completionTokens}}}""");
        body.Append("data: [DONE]\n\n");
        return Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body.ToString());
    }
}
