using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TrendingTv.StorageBench;

/// <summary>
/// A read-only, non-seekable stream of <see cref="Length"/> pseudo-random bytes that depend only on the
/// seed and the position (SplitMix64 of the 8-byte word index), so any read pattern yields the same
/// content. It hashes (SHA-256) what it hands out, so the uploader's copy needs no second pass.
/// </summary>
public sealed class GeneratedStream : Stream
{
    private readonly long _length;
    private readonly ulong _seed;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    public GeneratedStream(long length, ulong seed = 0x5EED_CAFE_F00D_2020)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _seed = seed;
    }

    /// <summary>The bytes handed out so far.</summary>
    public long Produced => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A generated stream has no length to seek by.");

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>SHA-256 of every byte read so far (call once the stream is read to its end).</summary>
    public byte[] HashSoFar() => _hash.GetCurrentHash();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        if (count <= 0)
        {
            return 0;
        }

        var target = buffer[..count];
        var written = 0;
        Span<byte> word = stackalloc byte[8];
        while (written < count)
        {
            var position = _position + written;
            var index = (ulong)(position >> 3);
            var within = (int)(position & 7);
            var remaining = count - written;
            if (within == 0 && remaining >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(target[written..], SplitMix64(_seed + index));
                written += 8;
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(word, SplitMix64(_seed + index));
            var take = Math.Min(8 - within, remaining);
            word.Slice(within, take).CopyTo(target[written..]);
            written += take;
        }

        _hash.AppendData(target);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

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
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
