using System.Diagnostics;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.BlueskyBench;

/// <summary>
/// Part (b), the measured side: the Jetstream client reads generated events from the loopback stand-in (another process,
/// <see cref="StandInServer"/>) over a real WebSocket; each post goes through the keep filter and each repost is
/// resolved against the posts kept so far, as the capture will do.
/// </summary>
internal sealed class StreamBench(ShowKeepFilter filter)
{
    public sealed record Result(long Events, TimeSpan Elapsed, long Posts, long Kept, long RepostsKept, long RepostsDropped, JetstreamStatistics Statistics)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    }

    public async Task<Result> RunAsync(Uri instance, int events, CancellationToken cancellationToken)
    {
        var client = new JetstreamClient(Options.Create(new BlueskyOptions { Instances = [instance.AbsoluteUri] }));
        var keptByUri = new Dictionary<string, CanonicalPost>(StringComparer.Ordinal);
        long posts = 0, kept = 0, repostsKept = 0, repostsDropped = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var message in client.ReadAsync(cancellationToken: cancellationToken))
        {
            switch (message.Event.Kind)
            {
                case JetstreamEventKind.Post:
                    posts++;
                    var post = message.Event.Post!;
                    if (filter.Keeps(DataLake.Catalogue.MatchKeys.TextKey(post.Text), BlueskyCanonicalPosts.HashtagKeys(post)))
                    {
                        var canonical = BlueskyCanonicalPosts.FromPost(message.Event);
                        keptByUri[canonical.Uri!] = canonical;
                        kept++;
                    }

                    break;
                case JetstreamEventKind.Repost:
                    _ = BlueskyCanonicalPosts.FromRepost(message.Event, keptByUri.GetValueOrDefault(message.Event.SubjectUri!)) is null ? repostsDropped++ : repostsKept++;
                    break;
                default:
                    break;
            }

            if (client.Statistics.Messages >= events)
            {
                break;
            }
        }

        watch.Stop();
        var statistics = client.Statistics;
        return new Result(statistics.Messages, watch.Elapsed, posts, kept, repostsKept, repostsDropped, statistics);
    }
}
