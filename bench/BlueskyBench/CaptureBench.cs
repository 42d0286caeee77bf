using System.Diagnostics;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.BlueskyBench;

/// <summary>
/// Part (c): the whole capture path: the loopback stand-in's events through the Jetstream client, the keep filter and
/// the repost window of <see cref="BlueskySource"/>, then the <see cref="CapturePipeline"/>'s batched commits into a
/// SQLite <see cref="PostStore"/> (kept posts and reposts, deletes, checkpoints, seen counts), as <c>streamer capture
/// --source bluesky</c> runs it.
/// </summary>
internal sealed class CaptureBench(ShowKeepFilter filter, string folder)
{
    public sealed record Result(long Events, TimeSpan Elapsed, CaptureSummary Summary, JetstreamStatistics Statistics, long Seen, long Kept)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    }

    public async Task<Result> RunAsync(Uri instance, int events, string name, CancellationToken cancellationToken)
    {
        var database = CaptureDatabase.Open(Path.Combine(folder, name + ".db"));
        await using var store = PostStore.Open(database);
        var pipeline = new CapturePipeline(store);
        var source = new BlueskySource(Options.Create(new BlueskyOptions { Instances = [instance.AbsoluteUri] }), _ => Task.FromResult(filter));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = Stopwatch.StartNew();
        var capture = pipeline.RunAsync(source.ReadAsync(new Dictionary<string, long>(), stop.Token), source.Filtered, stop.Token);
        while (!capture.IsCompleted && (source.Client?.Statistics.Messages ?? 0) < events)
        {
            await Task.Delay(20, cancellationToken);
        }

        await stop.CancelAsync();
        var summary = await capture; // commits what was read
        watch.Stop();
        var counts = await store.ReadHourCountsAsync(cancellationToken);
        return new Result(source.Client!.Statistics.Messages, watch.Elapsed, summary, source.Client.Statistics, counts.Sum(c => c.Seen), counts.Sum(c => c.Kept));
    }
}
