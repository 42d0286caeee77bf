using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// Stages one source's hour: streams its stored posts to a raw file (payloads as received, one a line), then that
/// raw file through the source's <see cref="IRawPostNormaliser"/> into a canonical file, hashing both as they are
/// written, without holding the hour in memory. The canonical file is therefore what a rebuild of the uploaded raw
/// hour writes, byte for byte.
/// </summary>
internal sealed class HourFileWriter(PostStore store, IRawPostNormaliser normaliser, ILogger logger)
{
    public async Task<HourFiles> WriteAsync(DateTimeOffset hour, string folder, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken)
    {
        var rawPath = Path.Combine(folder, "raw.json");
        var canonicalPath = Path.Combine(folder, "canonical.jsonl");
        long posts = 0;
        string rawSha256;
        long rawBytes;
        using (var raw = new HashingFileWriter(rawPath))
        {
            await foreach (var post in store.ReadHourAsync(normaliser.Source, hour, cancellationToken))
            {
                raw.Write(post.Payload);
                raw.WriteByte((byte)'\n');
                posts++;
            }

            rawBytes = raw.Length;
            rawSha256 = raw.Finish();
        }

        NormaliseSummary summary;
        string canonicalSha256;
        long canonicalBytes;
        await using (var rawLines = new FileStream(rawPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        using (var canonical = new HashingFileWriter(canonicalPath))
        {
            summary = await normaliser.NormaliseHourAsync(hour, rawLines, canonical, quarantineOut: null, leaveOut, cancellationToken);
            canonicalBytes = canonical.Length;
            canonicalSha256 = canonical.Finish();
        }

        if (summary.Quarantined > 0)
        {
            logger.LogWarning(
                "Hour {Hour} of {Source}: {Quarantined} posts could not be normalised; they are in the raw file only.",
                CaptureDatabase.Describe(hour), normaliser.Source, summary.Quarantined);
        }

        return new HourFiles(rawPath, rawBytes, rawSha256, canonicalPath, canonicalBytes, canonicalSha256, posts, summary);
    }
}
