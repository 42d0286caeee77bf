using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// Where a source keeps the payloads of posts in flight to the capture store: copied back to back into
/// reusable chunks instead of one new array per post. Every payload waits in the pipeline's channel and batch
/// across several garbage collections, so one array per post would be promoted and pile up in the older
/// generations between their rare collections (the capture's memory then grows with the run, not with what is in
/// flight). A chunk is reused once every payload in it has been <see cref="Release">released</see>, which the
/// capture pipeline does after a post's batch has committed; a payload that is never released just leaves its
/// chunk to the garbage collector.
/// </summary>
/// <remarks>
/// <see cref="Copy"/> is for one writer at a time (a source's read loop); <see cref="Release"/> may run on any thread.
/// A released payload must not be read again.
/// </remarks>
public sealed class PayloadArena
{
    /// <summary>Bytes per chunk: many payloads each, and small enough that the last one in use stays cheap.</summary>
    public const int DefaultChunkBytes = 256 * 1024;

    private readonly int _chunkBytes;
    private readonly int _maxIdleChunks;
    private readonly ConcurrentQueue<Chunk> _idle = new();
    private Chunk? _current;

    /// <param name="chunkBytes">Bytes per chunk; a payload larger than this gets an array of its own.</param>
    /// <param name="maxIdleBytes">Free chunks kept for reuse at most (in bytes); beyond that they go to the garbage collector.</param>
    public PayloadArena(int chunkBytes = DefaultChunkBytes, long maxIdleBytes = 32L << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIdleBytes);
        _chunkBytes = chunkBytes;
        _maxIdleChunks = (int)Math.Min(int.MaxValue, maxIdleBytes / chunkBytes);
    }

    /// <summary>Copies <paramref name="payload"/> into the arena; valid until <see cref="Release"/> is called on the result.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _chunkBytes)
        {
            return payload.ToArray();
        }

        if (_current is null || !_current.TryAppend(payload, out var copy))
        {
            _current?.Seal();
            _current = Rent();
            _current.TryAppend(payload, out copy);
        }

        return copy;
    }

    /// <summary>Gives a payload back; its chunk is reused once all its payloads are back. A no-op for memory from elsewhere.</summary>
    public static void Release(ReadOnlyMemory<byte> payload)
    {
        if (MemoryMarshal.TryGetMemoryManager<byte, Chunk>(payload, out var chunk))
        {
            chunk.ReleaseOne();
        }
    }

    private Chunk Rent()
    {
        if (_idle.TryDequeue(out var chunk))
        {
            chunk.Reset();
            return chunk;
        }

        return new Chunk(this, _chunkBytes);
    }

    private void Recycle(Chunk chunk)
    {
        if (_idle.Count < _maxIdleChunks)
        {
            _idle.Enqueue(chunk);
        }
    }

    /// <summary>
    /// One chunk: payloads appended at <c>_used</c>; <c>_references</c> counts the payloads not yet released plus
    /// one for the arena while the chunk is still being written, so whoever drops the count to zero recycles it.
    /// </summary>
    private sealed class Chunk(PayloadArena arena, int bytes) : MemoryManager<byte>
    {
        private readonly byte[] _bytes = GC.AllocateUninitializedArray<byte>(bytes);
        private int _used;
        private int _references = 1;

        public bool TryAppend(ReadOnlySpan<byte> payload, out ReadOnlyMemory<byte> copy)
        {
            if (_bytes.Length - _used < payload.Length)
            {
                copy = default;
                return false;
            }

            payload.CopyTo(_bytes.AsSpan(_used));
            copy = CreateMemory(_used, payload.Length);
            _used += payload.Length;
            Interlocked.Increment(ref _references);
            return true;
        }

        public void Seal() => ReleaseOne();

        public void ReleaseOne()
        {
            var left = Interlocked.Decrement(ref _references);
            if (left == 0)
            {
                arena.Recycle(this);
            }
            else if (left < 0)
            {
                throw new InvalidOperationException("A capture payload was released twice.");
            }
        }

        public void Reset()
        {
            _used = 0;
            _references = 1;
        }

        public override Span<byte> GetSpan() => _bytes;

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            var handle = GCHandle.Alloc(_bytes, GCHandleType.Pinned);
            return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle);
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
