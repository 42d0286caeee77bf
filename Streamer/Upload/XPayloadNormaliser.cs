using TrendingTv.DataLake.Posts;

namespace TrendingTv.Streamer.Upload;

/// <summary>X payloads (v2 envelopes, v1.1 statuses) through the lake's <see cref="PostNormaliser"/>.</summary>
public sealed class XPayloadNormaliser(PostNormaliser? normaliser = null) : IPayloadNormaliser
{
    private readonly PostNormaliser _normaliser = normaliser ?? new PostNormaliser();

    public string Source => PostSources.X;

    public NormalisedLine Normalise(ReadOnlySpan<byte> payload) => _normaliser.Normalise(payload);
}
