using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>Reads request bodies: size-limited, parsed as a JSON object, then bound to the library's models.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The most an oversized body of unknown length (chunked) is read past the limit before the emulator answers anyway:
    /// reading it to its end lets the client finish sending and see the 400 instead of a reset; past this, it is answered with
    /// <c>Connection: close</c>.</summary>
    private const long MaxDrainedBytes = 64L * 1024 * 1024;

    /// <summary>Reads the body as a JSON object, refusing one over <paramref name="limit"/> with the JSON
    /// <c>400 request_too_large</c> at any size: a body whose <c>Content-Length</c> is over the limit is refused before any of it
    /// is read (Kestrel then reads and discards what the client still sends, so the client sees the answer); a chunked body is read
    /// up to the limit, then discarded up to <see cref="MaxDrainedBytes"/> more. A body that is not valid UTF-8 is refused too
    /// (the JSON parser checks string contents only when they are read, which would surface later as a 500).</summary>
    /// <param name="context">The request.</param>
    /// <param name="limit">The size limit in bytes.</param>
    /// <param name="optional">Whether an empty body means <c>{}</c>.</param>
    /// <returns>The root object.</returns>
    public static async Task<JsonElement> ReadObjectAsync(HttpContext context, long limit, bool optional)
    {
        if (context.Request.ContentLength is long declared && declared > limit)
        {
            throw ApiErrors.BodyTooLarge(limit, declared);
        }

        var buffer = new ArrayBufferWriter<byte>();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
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
                    context.Response.Headers.Connection = "close";
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
            throw ApiErrors.BodyTooLarge(limit, total);
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
