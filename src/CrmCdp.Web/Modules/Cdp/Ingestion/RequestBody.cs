using System.Buffers;
using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// A tracking call's body read into a pooled buffer (sized from Content-Length, grown up to the limit for gzip and
/// chunked bodies) and parsed in place as UTF-8; a body that inflates past the limit is refused without reading more.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private const int FirstChunk = 16 * 1024;
    private byte[]? _buffer;

    private RequestBody(byte[]? buffer, JsonDocument? json, bool tooLarge, string? unreadable = null) =>
        (_buffer, Json, TooLarge, Unreadable) = (buffer, json, tooLarge, unreadable);

    public JsonDocument? Json { get; }

    public bool TooLarge { get; }

    /// <summary>Why the body's bytes could not be read (a corrupt gzip body), or null.</summary>
    public string? Unreadable { get; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var compressed = request.Headers.ContentEncoding.Count > 0;
        var size = !compressed && request.ContentLength is { } length and >= 0 ? (int)Math.Min(length, limit) + 1 : Math.Min(FirstChunk, limit + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (read > limit)
                {
                    break;
                }

                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                buffer.AsSpan(0, read).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            int chunk;
            try
            {
                chunk = await request.Body.ReadAsync(buffer.AsMemory(read, Math.Min(buffer.Length, limit + 1) - read), cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status400BadRequest)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return new RequestBody(null, null, tooLarge: false, unreadable: ex.Message);
            }

            if (chunk == 0)
            {
                break;
            }

            read += chunk;
            if (read > limit)
            {
                break;
            }
        }

        if (read > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new RequestBody(null, null, tooLarge: true);
        }

        try
        {
            return new RequestBody(buffer, JsonDocument.Parse(buffer.AsMemory(0, read)), tooLarge: false);
        }
        catch (JsonException)
        {
            return new RequestBody(buffer, null, tooLarge: false);
        }
    }

    public void Dispose()
    {
        Json?.Dispose();
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
