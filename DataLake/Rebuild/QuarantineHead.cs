using System.Text;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>A write-only sink for a normaliser's quarantine lines that keeps only the first line, for the log.</summary>
internal sealed class QuarantineHead : Stream
{
    private const int Keep = 2048;
    private readonly MemoryStream _head = new();

    /// <summary>The first quarantine line written (cut at 2 KB), or null.</summary>
    public string? FirstLine
    {
        get
        {
            if (_head.Length == 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(_head.GetBuffer(), 0, (int)_head.Length);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline < 0 ? text : text[..newline];
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = Keep - (int)_head.Length;
        if (room > 0)
        {
            _head.Write(buffer[..Math.Min(room, buffer.Length)]);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
