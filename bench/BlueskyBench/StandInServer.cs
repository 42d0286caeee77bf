using TrendingTv.DataLake.Catalogue;
using TrendingTv.StorageBench;
using TrendingTv.Synthetic.Bluesky;

namespace TrendingTv.BlueskyBench;

/// <summary>
/// The child process of parts (b) and (c): generates the event pool, serves it in a loop from the loopback Jetstream
/// stand-in (each connection gets enough for a warm-up and a measured run), prints its address, and exits once its
/// standard input closes, printing its own peak memory. Kept apart so the measured client process holds neither the server nor the pool.
/// </summary>
internal static class StandInServer
{
    public const string ListeningPrefix = "listening ";
    public const string MemoryPrefix = "stand-in peak RSS ";

    /// <summary>Events served beyond what the client reads: it stops on a yielded message, and the last ones may be skipped kinds.</summary>
    private const int Slack = 10_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var pool = new JetstreamEventGenerator(ShowCatalogue.LoadDefault(), options.Seed + 1, JetstreamEventMix.PostsAndReposts).Take(options.Pool).ToArray();
        await using var server = await JetstreamStandIn.StartAsync(() => Cycle(pool, Math.Max(WarmUpEvents(options), options.Events) + Slack));
        Console.WriteLine($"{ListeningPrefix}{server.SubscribeUri} {pool.Length} {pool.Average(p => p.Length):F0}");
        await Console.In.ReadToEndAsync();
        Console.WriteLine($"{MemoryPrefix}{PeakMemory.Read().PeakBytes}");
        return 0;
    }

    public static int WarmUpEvents(BenchOptions options) => Math.Max(10_000, (int)(options.WarmUpSeconds * 20_000));

    private static IEnumerable<ReadOnlyMemory<byte>> Cycle(byte[][] pool, int events)
    {
        for (var i = 0; i < events; i++)
        {
            yield return pool[i % pool.Length];
        }
    }
}
