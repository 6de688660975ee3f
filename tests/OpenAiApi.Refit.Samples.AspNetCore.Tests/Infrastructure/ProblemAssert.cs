using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>Reads a problem-details response (RFC 9457) and checks its media type and status.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
        JsonElement problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)expected), body);
        return problem;
    }

    public static string? String(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
