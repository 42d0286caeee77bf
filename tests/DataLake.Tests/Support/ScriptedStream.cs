using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TrendingTv.DataLake.Tests.Support;

/// <summary>
/// A non-seekable source of deterministic bytes (a function of seed and position) that can stop at a
/// gate until released, or fail at a position: the shape of a network or generator stream a store
/// must read without seeking.
/// </summary>
internal sealed class ScriptedStream(long length, ulong seed = 1, long? gateAt = null, long? failAt = null) : Stream
{
    private readonly TaskCompletionSource _reachedGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>Completes when a read asks for bytes past the gate.</summary>
    public Task ReachedGate => _reachedGate.Task;

    public long Produced => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Lets reads continue past the gate.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>The SHA-256 (hex) of the whole content, computed without a store.</summary>
    public static string ExpectedSha256(long length, ulong seed = 1)
    {
        using var stream = new ScriptedStream(length, seed);
        return Sha256(stream);
    }

    public static string Sha256(Stream stream)
    {
        using var sha = SHA256.Create();
        return Convert.ToHexStringLower(sha.ComputeHash(stream));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (gateAt is { } gate && _position >= gate && !_release.Task.IsCompleted)
        {
            _reachedGate.TrySetResult();
            _release.Task.GetAwaiter().GetResult();
        }

        return Fill(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (gateAt is { } gate && _position >= gate && !_release.Task.IsCompleted)
        {
            _reachedGate.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return Fill(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Fill(Span<byte> buffer)
    {
        var end = length;
        if (failAt is { } fail)
        {
            if (_position >= fail)
            {
                throw new IOException($"Scripted failure at byte {_position}.");
            }

            end = Math.Min(end, fail);
        }

        if (gateAt is { } gate && _position < gate && !_release.Task.IsCompleted)
        {
            end = Math.Min(end, gate); // stop exactly at the gate
        }

        var count = (int)Math.Min(buffer.Length, end - _position);
        if (count <= 0)
        {
            return 0;
        }

        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < count; i++)
        {
            var position = _position + i;
            if (i == 0 || (position & 7) == 0)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(seed + (ulong)(position >> 3)));
            }

            buffer[i] = word[(int)(position & 7)];
        }

        _position += count;
        return count;
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
