using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>Reads request bodies: size-limited, parsed as a JSON object, then bound to the library's models.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the body as a JSON object. A body over <paramref name="limit"/> is read to its end (so the client can
    /// finish sending and see the answer) and refused; so is a body that is not valid UTF-8 (the JSON parser checks string
    /// contents only when they are read, which would surface later as a 500).</summary>
    /// <param name="context">The request.</param>
    /// <param name="limit">The size limit in bytes.</param>
    /// <param name="optional">Whether an empty body means <c>{}</c>.</param>
    /// <returns>The root object.</returns>
    public static async Task<JsonElement> ReadObjectAsync(HttpContext context, long limit, bool optional)
    {
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
