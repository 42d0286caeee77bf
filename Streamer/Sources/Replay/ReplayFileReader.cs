namespace TrendingTv.Streamer.Sources.Replay;

/// <summary>
/// Reads one replay file line by line from a byte offset, in a buffer that never grows past the longest line
/// accepted: a longer line is skipped up to its newline and returned as <see cref="ReplayLine.TooLong"/> (its bytes
/// are not kept), so one bad line never stops the lines after it.
/// </summary>
internal sealed class ReplayFileReader : IAsyncDisposable
{
    private const int ReadBufferSize = 1 << 20;
    private readonly FileStream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _position; // file offset of _buffer[_start]
    private long _lineNumber; // -1: unknown (resumed after a checkpoint)
    private bool _eof;

    public ReplayFileReader(string path, long offset, int maxLineBytes)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        if (offset > _stream.Length)
        {
            _stream.Dispose();
            throw new InvalidOperationException($"The checkpoint of replay file '{path}' ({offset} bytes) is past its end; was the file replaced?");
        }

        _stream.Position = offset;
        _position = offset;
        _lineNumber = offset == 0 ? 0 : -1;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(ReadBufferSize, maxLineBytes + 1)];
    }

    /// <summary>The next line (valid until the next call), or null at the end of the file.</summary>
    public async Task<ReplayLine?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Take(newline, newline + 1);
            }

            if (_eof)
            {
                return _end > _start ? Take(_end - _start, _end - _start) : null; // the last line, without a newline
            }

            if (_end - _start >= _maxLineBytes)
            {
                return await SkipLongLineAsync(cancellationToken);
            }

            await FillAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private ReplayLine Take(int length, int consumed)
    {
        var line = _buffer.AsMemory(_start, length);
        _start += consumed;
        _position += consumed;
        return new ReplayLine(line, _position, NextLineNumber(), TooLong: false);
    }

    /// <summary>Discards the rest of an over-long line, up to and including its newline.</summary>
    private async Task<ReplayLine> SkipLongLineAsync(CancellationToken cancellationToken)
    {
        var lineNumber = NextLineNumber();
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            var consumed = newline >= 0 ? newline + 1 : _end - _start;
            _start += consumed;
            _position += consumed;
            if (newline >= 0 || (_eof && _start == _end))
            {
                return new ReplayLine(ReadOnlyMemory<byte>.Empty, _position, lineNumber, TooLong: true);
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Compacts the buffer, grows it up to the line limit, and reads more.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 1));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _eof = read == 0;
        _end += read;
    }

    private long NextLineNumber() => _lineNumber >= 0 ? ++_lineNumber : -1;
}
