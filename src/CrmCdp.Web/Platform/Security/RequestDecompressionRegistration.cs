using Microsoft.AspNetCore.RequestDecompression;

namespace CrmCdp.Web.Platform.Security;

/// <summary>
/// Gzip, deflate and Brotli request bodies (the Segment SDKs gzip their batches) through ASP.NET Core's request
/// decompression, with one change: a body that is not what its Content-Encoding claims is a bad request (400),
/// where the framework's decoders throw InvalidDataException or InvalidOperationException and the request ends as a 500.
/// </summary>
internal static class RequestDecompressionRegistration
{
    public static IServiceCollection AddAppRequestDecompression(this IServiceCollection services)
    {
        services.AddRequestDecompression();
        services.PostConfigure<RequestDecompressionOptions>(options =>
        {
            foreach (var (encoding, provider) in options.DecompressionProviders.ToList())
            {
                options.DecompressionProviders[encoding] = new CorruptBodyRefusingProvider(encoding, provider);
            }
        });
        return services;
    }

    private sealed class CorruptBodyRefusingProvider(string encoding, IDecompressionProvider inner) : IDecompressionProvider
    {
        public Stream GetDecompressionStream(Stream stream) => new CorruptBodyRefusingStream(encoding, inner.GetDecompressionStream(stream));
    }
}

/// <summary>A decompressing stream whose decoder errors become <see cref="BadHttpRequestException"/> (400).</summary>
internal sealed class CorruptBodyRefusingStream(string encoding, Stream decompressing) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return decompressing.Read(buffer, offset, count);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Corrupt(ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await decompressing.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Corrupt(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decompressing.Dispose();
        }

        base.Dispose(disposing);
    }

    private BadHttpRequestException Corrupt(Exception ex) =>
        new($"The request body is not valid {encoding} data, as its Content-Encoding says it is.", StatusCodes.Status400BadRequest, ex);
}
