using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>Reads request bodies: size-limited, parsed as a JSON object, then bound to the library's models.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The most an oversized body is read past the limit before the emulator answers: reading it to its end lets the
    /// client finish sending and then read the 400 (a client that is still sending when the server answers and closes may see a
    /// reset instead). A body declared larger than this is answered at once, and one that turns out larger (chunked) as soon as
    /// it does, both with <c>Connection: close</c>.</summary>
    private const long MaxDrainedBytes = 64L * 1024 * 1024;

    /// <summary>Reads the body as a JSON object, refusing one over <paramref name="limit"/> with the JSON
    /// <c>400 request_too_large</c> at any size (Kestrel's own limit is off): the body is read up to the limit and the rest is read
    /// and discarded up to <see cref="MaxDrainedBytes"/> more. A body that is not valid UTF-8 is refused too (the JSON parser checks
    /// string contents only when they are read, which would surface later as a 500).</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpContext context, long limit, bool optional)
    {
        if (context.Request.ContentLength is long declared && declared - limit > MaxDrainedBytes)
        {
            // Too much to read through: answer now and close; Kestrel discards what it can of the rest.
            throw Closing(ApiErrors.BodyTooLarge(limit, declared));
        }

        var buffer = new ArrayBufferWriter<byte>();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        bool close = false;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                total += read;
                if (total <= limit)
                {
                    buffer.Write(chunk.AsSpan(0, read));
                }
                else if (total - limit > MaxDrainedBytes)
                {
                    close = true;
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (total > limit)
        {
            EmulatorApiException tooLarge = ApiErrors.BodyTooLarge(limit, total);
            throw close ? Closing(tooLarge) : tooLarge;
        }

        if (!Utf8.IsValid(buffer.WrittenSpan))
        {
            throw ApiErrors.BadRequest(
                "We could not parse the JSON body of your request: it is not valid UTF-8. (HINT: the OpenAI API expects a JSON payload encoded as UTF-8.)",
                null,
                "invalid_encoding");
        }

        if (IsBlank(buffer.WrittenSpan))
        {
            if (optional)
            {
                using JsonDocument empty = JsonDocument.Parse("{}");
                return empty.RootElement.Clone();
            }

            throw ApiErrors.InvalidJson();
        }

        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ApiErrors.InvalidJson();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.BadRequest($"Invalid request body: expected a JSON object, but got {ApiErrors.Describe(root)} instead.", null, "invalid_type");
        }

        return root;
    }

    /// <summary>Binds a checked body to a library model.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="root">The body.</param>
    /// <returns>The model.</returns>
    public static T Bind<T>(JsonElement root)
        where T : class
    {
        try
        {
            return root.Deserialize<T>(EmulatorJson.Options) ?? throw ApiErrors.InvalidJson();
        }
        catch (JsonException ex)
        {
            throw ApiErrors.Deserialization(ex);
        }
    }

    /// <summary>Asks for the connection to close after the answer (the error handler writes the exception's headers).</summary>
    private static EmulatorApiException Closing(EmulatorApiException error)
    {
        error.Headers["Connection"] = "close";
        return error;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        foreach (byte b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
