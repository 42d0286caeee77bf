using System.Buffers;
using System.Text.Json;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.PostsBench;

/// <summary>Writes canonical lines to a reused buffer, as the hourly uploader does.</summary>
internal sealed class CanonicalSink
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly Utf8JsonWriter _writer;

    public CanonicalSink() => _writer = new Utf8JsonWriter(_buffer, CanonicalPostJson.WriterOptions);

    public void Write(NormalisedLine line)
    {
        if (line.Kind != NormalisedLineKind.Post)
        {
            return;
        }

        CanonicalPostJson.Write(_writer, line.Post!);
        _writer.Flush();
        _writer.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount > 1 << 19)
        {
            _buffer.ResetWrittenCount();
        }
    }
}
