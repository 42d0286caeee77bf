using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// Stages one source's hour: streams its stored posts (id order) to a raw file (payloads as received, one a line)
/// and a canonical file (the normaliser's records), hashing both as they are written, without holding the hour in memory.
/// </summary>
internal sealed class HourFileWriter(PostStore store, IPayloadNormaliser normaliser, ILogger logger)
{
    private static readonly JsonWriterOptions CanonicalWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public async Task<HourFiles> WriteAsync(DateTimeOffset hour, string folder, CancellationToken cancellationToken)
    {
        var rawPath = Path.Combine(folder, "raw.json");
        var canonicalPath = Path.Combine(folder, "canonical.jsonl");
        long posts = 0, canonical = 0, skipped = 0, quarantined = 0;
        using var raw = new HashingFileWriter(rawPath);
        using var canonicalFile = new HashingFileWriter(canonicalPath);
        using (var json = new Utf8JsonWriter(canonicalFile, CanonicalWriterOptions))
        {
            await foreach (var post in store.ReadHourAsync(normaliser.Source, hour, cancellationToken))
            {
                raw.Write(post.Payload);
                raw.WriteByte((byte)'\n');
                posts++;
                var line = normaliser.Normalise(post.Payload);
                switch (line.Kind)
                {
                    case NormalisedLineKind.Post:
                        CanonicalPostJson.Write(json, line.Post!);
                        json.Flush();
                        json.Reset();
                        canonicalFile.WriteByte((byte)'\n');
                        canonical++;
                        break;
                    case NormalisedLineKind.Skipped:
                        skipped++;
                        break;
                    default:
                        quarantined++;
                        logger.LogWarning("Hour {Hour} of {Source}: post {Id} could not be normalised ({Reason}); it is in the raw file only.", CaptureDatabase.Describe(hour), normaliser.Source, post.Id, line.Reason);
                        break;
                }
            }
        }

        return new HourFiles(rawPath, raw.Length, raw.Finish(), canonicalPath, canonicalFile.Length, canonicalFile.Finish(), posts, canonical, skipped, quarantined);
    }
}
