namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>
/// An error the emulator answers with an OpenAI-style body (<c>{"error":{"message","type","param","code"}}</c>). Thrown anywhere
/// inside a request and written by <see cref="EmulatorExceptionHandler"/>.
/// </summary>
internal sealed class EmulatorApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="EmulatorApiException"/> class.</summary>
    public EmulatorApiException()
        : this(500, "The server had an error while processing your request.", "server_error", null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EmulatorApiException"/> class.</summary>
    /// <param name="message">The error message.</param>
    public EmulatorApiException(string message)
        : this(400, message, "invalid_request_error", null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EmulatorApiException"/> class.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public EmulatorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        ErrorType = "invalid_request_error";
    }

    /// <summary>Initializes a new instance of the <see cref="EmulatorApiException"/> class.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The error message.</param>
    /// <param name="errorType">The error <c>type</c>.</param>
    /// <param name="param">The offending parameter, or <see langword="null"/>.</param>
    /// <param name="code">The error <c>code</c>, or <see langword="null"/>.</param>
    public EmulatorApiException(int statusCode, string message, string errorType, string? param, string? code)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        Param = param;
        Code = code;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the error <c>type</c>.</summary>
    public string ErrorType { get; }

    /// <summary>Gets the offending parameter.</summary>
    public string? Param { get; }

    /// <summary>Gets the error <c>code</c>.</summary>
    public string? Code { get; }

    /// <summary>Gets extra response headers (e.g. <c>Retry-After</c>).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the wire body.</summary>
    /// <returns>The error envelope.</returns>
    public ErrorEnvelope ToEnvelope() => new(new ErrorBody(Message, ErrorType, Param, Code));
}
