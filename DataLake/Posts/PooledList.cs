using System.Buffers;

namespace TrendingTv.DataLake.Posts;

/// <summary>A list over a caller-provided (stack) span that grows into pooled arrays; dispose to return them.</summary>
internal ref struct PooledList<T>
    where T : struct
{
    private T[]? _rented;
    private Span<T> _span;
    private int _count;

    public PooledList(Span<T> initial)
    {
        _span = initial;
    }

    public readonly int Count => _count;

    public readonly ref T this[int index] => ref _span[.._count][index];

    public readonly ReadOnlySpan<T> AsSpan() => _span[.._count];

    public void Add(in T item)
    {
        if (_count == _span.Length)
        {
            Grow();
        }

        _span[_count++] = item;
    }

    public void Clear() => _count = 0;

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(16, _span.Length * 2));
        _span[.._count].CopyTo(larger);
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
        }

        _rented = larger;
        _span = larger;
    }
}
