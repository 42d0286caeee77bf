using System.Diagnostics;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.BlueskyBench;

/// <summary>
/// Part (a): on one thread, the same generated post events through a bare <see cref="Utf8JsonReader"/> scan and through
/// the keep path (read and classify the event, make the post's text and hashtag keys, ask the keep filter), plus the
/// canonical mapping and the filter alone on ready keys. The pool is cut into batches; each batch is timed on every
/// path in turn, <c>runs</c> times, and its fastest time counts, so time slices lost to other processes drop out.
/// </summary>
internal sealed class KeepFilterBench(IReadOnlyList<byte[]> posts, ShowKeepFilter filter)
{
    private const int BatchSize = 250;

    private readonly (string TextKey, IReadOnlyList<string> Hashtags)[] _keys = [.. posts.Select(post =>
    {
        var record = JetstreamEventReader.Read(post).Post!;
        return (MatchKeys.TextKey(record.Text), BlueskyCanonicalPosts.HashtagKeys(record));
    })];

    private static readonly string[] PathNames =
    [
        "bare Utf8JsonReader scan",
        "read + classify",
        "read + keys + keep (the keep filter)",
        "read + canonical record + keep",
        "keep on ready keys",
    ];

    public int Kept => _keys.Count(k => filter.Keeps(k.TextKey, k.Hashtags));

    public void WarmUp(TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var path = 0; path < PathNames.Length; path++)
            {
                Run(path, 0, posts.Count);
            }
        }
    }

    /// <summary>Each path's posts per second (sum of the batches' fastest times).</summary>
    public IReadOnlyList<(string Path, double PostsPerSecond)> Measure(int runs)
    {
        var batches = (posts.Count + BatchSize - 1) / BatchSize;
        var fastest = new long[PathNames.Length, batches];
        for (var path = 0; path < PathNames.Length; path++)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                fastest[path, batch] = long.MaxValue;
            }
        }

        for (var run = 0; run < runs; run++)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var start = batch * BatchSize;
                var count = Math.Min(BatchSize, posts.Count - start);
                for (var path = 0; path < PathNames.Length; path++)
                {
                    var begin = Stopwatch.GetTimestamp();
                    Run(path, start, count);
                    fastest[path, batch] = Math.Min(fastest[path, batch], Stopwatch.GetTimestamp() - begin);
                }
            }
        }

        return [.. Enumerable.Range(0, PathNames.Length).Select(path =>
        {
            var ticks = Enumerable.Range(0, batches).Sum(batch => fastest[path, batch]);
            return (PathNames[path], posts.Count / ((double)ticks / Stopwatch.Frequency));
        })];
    }

    private int Run(int path, int start, int count)
    {
        var kept = 0;
        for (var i = start; i < start + count; i++)
        {
            kept += path switch
            {
                0 => BareScan(posts[i]),
                1 => JetstreamEventReader.Read(posts[i]).Kind == JetstreamEventKind.Post ? 1 : 0,
                2 => KeepPath(posts[i]) ? 1 : 0,
                3 => filter.Keeps(BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(posts[i]))) ? 1 : 0,
                _ => filter.Keeps(_keys[i].TextKey, _keys[i].Hashtags) ? 1 : 0,
            };
        }

        return kept;
    }

    /// <summary>What the capture does before it keeps a post: the keys only, the canonical record for kept posts.</summary>
    private bool KeepPath(byte[] message)
    {
        var post = JetstreamEventReader.Read(message).Post!;
        return filter.Keeps(MatchKeys.TextKey(post.Text), BlueskyCanonicalPosts.HashtagKeys(post));
    }

    private static int BareScan(byte[] message)
    {
        var reader = new Utf8JsonReader(message);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
