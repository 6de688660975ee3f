using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Diagnostics;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Outside the retry policy, once per call (all attempts included): starts the operation's client span (named by
/// <c>gen_ai.operation.name</c>, with the GenAI attributes) and records <c>gen_ai.client.operation.duration</c>. With no listener of
/// either, which is the default, it only passes the request on. The handlers inside it log bodies
/// (<see cref="ContentLoggingHandler"/>) and capture response metadata (<see cref="ResponseMetadataCaptureHandler"/>).
/// </summary>
internal sealed class OpenAITelemetryHandler : DelegatingHandler
{
    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;
    private readonly TimeProvider _timeProvider;

    public OpenAITelemetryHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the route template of a request (Refit's), or its path when it did not come through Refit.</summary>
    internal static string RouteOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(RequestOptionKeys.RouteTemplate, out string? template) && !string.IsNullOrEmpty(template)
            ? template
            : request.RequestUri?.AbsolutePath ?? string.Empty;

    /// <summary>Gets the operation name of a request.</summary>
    internal static string OperationOf(HttpRequestMessage request) =>
        OpenAIOperations.NameOf(request.Options.TryGetValue(RequestOptionKeys.MethodName, out string? methodName) ? methodName : null);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        OpenAITelemetry.Source.HasListeners() || OpenAITelemetry.OperationDuration.Enabled
            ? SendObservedAsync(request, cancellationToken)
            : base.SendAsync(request, cancellationToken); // nobody listens: no span, no measurement, no state machine

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string method = request.Method.Method;
        string? template = request.Options.TryGetValue(RequestOptionKeys.RouteTemplate, out string? t) ? t : null;
        string operation = OperationOf(request);
        string provider = OpenAIClientContext.ProviderOf(_options.CurrentValue);
        long start = _timeProvider.GetTimestamp();

        Activity? activity = OpenAITelemetry.Source.StartActivity(operation, ActivityKind.Client);
        bool measure = OpenAITelemetry.OperationDuration.Enabled;
        RequestFields fields = default;
        if ((activity is { IsAllDataRequested: true } || measure) && request.Content is not null && request.Method != HttpMethod.Get)
        {
            fields = RequestFields.Read(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }

        if (activity is not null)
        {
            TagRequest(activity, request, method, template, operation, provider, fields);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            string errorType = ex.GetType().FullName ?? ex.GetType().Name;
            OpenAITelemetry.SetError(activity, ex);
            Record(request, operation, provider, fields.Model, errorType, start);
            activity?.Dispose();
            throw;
        }

        using (activity)
        {
            int status = (int)response.StatusCode;
            string? errorType = response.IsSuccessStatusCode ? null : status.ToString(CultureInfo.InvariantCulture);
            if (activity is not null)
            {
                activity.SetTag(OpenAITelemetry.HttpResponseStatusCode, status);
                if (WireHeaders.RequestIdOf(response) is { } requestId)
                {
                    activity.SetTag(OpenAITelemetry.OpenAIRequestId, requestId);
                }

                if (errorType is not null)
                {
                    activity.SetTag(OpenAITelemetry.ErrorType, errorType);
                    activity.SetStatus(ActivityStatusCode.Error, $"HTTP {status}");
                }
            }

            Record(request, operation, provider, fields.Model, errorType, start);
            return response;
        }
    }

    private static void TagRequest(
        Activity activity, HttpRequestMessage request, string method, string? template, string operation, string provider, RequestFields fields)
    {
        if (operation == "create_agent" && !string.IsNullOrEmpty(fields.Name))
        {
            activity.DisplayName = operation + " " + fields.Name;
        }

        activity.SetTag(OpenAITelemetry.GenAiOperationName, operation);
        activity.SetTag(OpenAITelemetry.GenAiSystem, OpenAITelemetry.SystemOf(provider));
        activity.SetTag(OpenAITelemetry.GenAiProviderName, provider);
        activity.SetTag(OpenAITelemetry.HttpRequestMethod, method);
        if (template is not null)
        {
            activity.SetTag(OpenAITelemetry.UrlTemplate, template);
        }

        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag(OpenAITelemetry.ServerAddress, uri.Host);
            activity.SetTag(OpenAITelemetry.ServerPort, uri.Port);
        }

        if (fields.Model is not null)
        {
            activity.SetTag(OpenAITelemetry.GenAiRequestModel, fields.Model);
        }

        if (fields.AssistantId is not null)
        {
            activity.SetTag(OpenAITelemetry.GenAiAgentId, fields.AssistantId);
        }

        if (operation == "create_agent" && fields.Name is not null)
        {
            activity.SetTag(OpenAITelemetry.GenAiAgentName, fields.Name);
        }
    }

    private void Record(HttpRequestMessage request, string operation, string provider, string? model, string? errorType, long start)
    {
        if (!OpenAITelemetry.OperationDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { OpenAITelemetry.GenAiOperationName, operation },
            { OpenAITelemetry.GenAiSystem, OpenAITelemetry.SystemOf(provider) },
            { OpenAITelemetry.GenAiProviderName, provider },
        };
        if (model is not null)
        {
            tags.Add(OpenAITelemetry.GenAiRequestModel, model);
        }

        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            tags.Add(OpenAITelemetry.ServerAddress, uri.Host);
            tags.Add(OpenAITelemetry.ServerPort, uri.Port);
        }

        if (errorType is not null)
        {
            tags.Add(OpenAITelemetry.ErrorType, errorType);
        }

        OpenAITelemetry.OperationDuration.Record(_timeProvider.GetElapsedTime(start).TotalSeconds, tags);
    }

    /// <summary>The top-level fields of a request body that name the model and the assistant, read without deserializing.</summary>
    private readonly record struct RequestFields(string? Model, string? AssistantId, string? Name)
    {
        public static RequestFields Read(byte[] json)
        {
            string? model = null, assistantId = null, name = null;
            try
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return default;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string? property = reader.ValueTextEquals("model"u8) ? "model"
                        : reader.ValueTextEquals("assistant_id"u8) ? "assistant_id"
                        : reader.ValueTextEquals("name"u8) ? "name"
                        : null;
                    reader.Read();
                    if (property is not null && reader.TokenType == JsonTokenType.String)
                    {
                        string? value = reader.GetString();
                        switch (property)
                        {
                            case "model": model = value; break;
                            case "assistant_id": assistantId = value; break;
                            default: name = value; break;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // not JSON: no fields
            }

            return new RequestFields(model, assistantId, name);
        }
    }
}
