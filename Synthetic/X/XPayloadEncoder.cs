using System.Buffers;
using System.Text.Json;
using TrendingTv.DataLake.Posts;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.X;

/// <summary>
/// Renders posts as X payload lines, a <see cref="V2Share"/> of them as v2 envelopes and the rest as
/// v1.1 statuses (an archive replayed beside a live stream). One writer is reused: not thread-safe.
/// </summary>
public sealed class XPayloadEncoder : IPostPayloadEncoder
{
    private Utf8JsonWriter? _writer;

    public XPayloadEncoder(double v2Share, XPayloadDetail detail)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(v2Share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(v2Share, 1);
        V2Share = v2Share;
        Detail = detail;
    }

    /// <summary>The share of posts written as v2 envelopes.</summary>
    public double V2Share { get; }

    public XPayloadDetail Detail { get; }

    public string Source => PostSources.X;

    public void Write(SyntheticPost post, Random random, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(output);
        var format = random.NextDouble() < V2Share ? XPayloadFormat.V2Envelope : XPayloadFormat.V1Status;
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(output, SyntheticJson.WriterOptions);
        }
        else
        {
            _writer.Reset(output);
        }

        if (format == XPayloadFormat.V2Envelope)
        {
            XV2EnvelopeWriter.Write(_writer, post, random, Detail);
        }
        else
        {
            XV1StatusWriter.Write(_writer, post, random, Detail);
        }

        _writer.Flush();
        output.Write("\n"u8);
    }
}
