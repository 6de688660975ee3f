using System.Web;
using NUnit.Framework;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;
using OpenAiApi.Refit.Tests.Infrastructure;

namespace OpenAiApi.Refit.Tests.Runs;

/// <summary>The WireMock base plus what the run helpers need: response sequences (scenarios), callbacks and request filters.</summary>
public abstract class RunsTestBase : WireMockTestBase
{
    protected const string RunPath = "/v1/threads/" + RunsJson.ThreadId + "/runs/" + RunsJson.RunId;

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with the bodies in turn (a WireMock scenario); the last
    /// one repeats. Each entry may carry response headers.</summary>
    protected void GivenSequence(string method, string path, params (string Json, (string Name, string Value)[] Headers)[] responses)
    {
        string scenario = Guid.NewGuid().ToString("N");
        for (int i = 0; i < responses.Length; i++)
        {
            IResponseBuilder response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(responses[i].Json);
            foreach ((string name, string value) in responses[i].Headers)
            {
                response = response.WithHeader(name, value);
            }

            var provider = Server.Given(Request.Create().UsingMethod(method).WithPath(path));
            if (responses.Length == 1)
            {
                provider.RespondWith(response);
                return;
            }

            provider = provider.InScenario(scenario);
            if (i > 0)
            {
                provider = provider.WhenStateIs("state" + i);
            }

            if (i < responses.Length - 1)
            {
                provider = provider.WillSetStateTo("state" + (i + 1));
            }

            provider.RespondWith(response);
        }
    }

    /// <summary>Shorthand for a sequence without headers.</summary>
    protected void GivenSequence(string method, string path, params string[] bodies) =>
        GivenSequence(method, path, bodies.Select(b => (b, Array.Empty<(string, string)>())).ToArray());

    /// <summary>Answers with a JSON body built per request; <paramref name="onRequest"/> runs before the response is sent.</summary>
    protected void GivenCallback(string method, string path, Func<IRequestMessage, string> onRequest)
    {
        Server.Given(Request.Create().UsingMethod(method).WithPath(path)).RespondWith(Response.Create().WithCallback(request =>
        {
            var message = new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new BodyData { BodyAsString = onRequest(request), DetectedBodyType = BodyType.String },
            };
            message.AddHeader("Content-Type", "application/json");
            return message;
        }));
    }

    /// <summary>The logged requests with this method and path, in order.</summary>
    protected List<ILogEntry> Requests(string method, string path) =>
        [.. Server.LogEntries
            .Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path == path)
            .OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The first value of a query parameter of a logged request (both decoded from the URL), or null.</summary>
    protected static string? QueryOf(ILogEntry entry, string key) =>
        HttpUtility.ParseQueryString(new Uri(entry.RequestMessage.Url).Query).GetValues(key)?.FirstOrDefault();

    /// <summary>Every request, method and path, in order: the exact wire sequence.</summary>
    protected IReadOnlyList<string> Wire() =>
        [.. Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage.Method + " " + e.RequestMessage.Path)];

    protected static void AssertAllAuthenticated(IEnumerable<ILogEntry> entries)
    {
        foreach (ILogEntry entry in entries)
        {
            AssertRequest(entry, entry.RequestMessage.Method, entry.RequestMessage.Path);
        }
    }
}
