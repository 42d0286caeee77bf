using System.Security.Cryptography;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// A pass-through stream that counts and SHA-256-hashes the bytes read from, or written to, the stream it wraps
/// (which it disposes), and reports each read's size to an optional progress sink.
/// </summary>
internal sealed class HashingStream(Stream inner, IProgress<long>? bytesRead = null) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _finalSha256;

    public long Length64 { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Length64;
        set => throw new NotSupportedException();
    }

    /// <summary>The lower-case hex SHA-256 of every byte that went through (also after a reader disposed the stream).</summary>
    public string Sha256() => _finalSha256 ?? Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Count(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Count(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        Finish();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Finish();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Finish()
    {
        if (_finalSha256 is null)
        {
            _finalSha256 = Convert.ToHexStringLower(_hash.GetCurrentHash());
            _hash.Dispose();
        }
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        _hash.AppendData(bytes);
        Length64 += bytes.Length;
        bytesRead?.Report(bytes.Length);
    }
}
