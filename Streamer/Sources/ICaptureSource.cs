using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Sources;

/// <summary>
/// A source of posts for the capture pipeline (the X stream, a replay of saved files; Bluesky's Jetstream next). A
/// source yields raw payloads as received, each with its post source, id, times and (if it can resume) a checkpoint;
/// it never writes to the store. A live source reports its connection state through an
/// <see cref="IConnectionReporter"/> given to it, so that outages are recorded as gaps.
/// </summary>
public interface ICaptureSource
{
    /// <summary>The post source it yields (<c>PostSources.X</c>, <c>PostSources.Bluesky</c>): the name of its sessions, gaps and hours.</summary>
    string Name { get; }

    /// <summary>For a source that filters what it receives: the events it received but did not yield, per hour. Null when it yields everything.</summary>
    SeenTally? Filtered { get; }

    /// <summary>
    /// Yields posts until the source ends or <paramref name="cancellationToken"/> is cancelled, resuming from the
    /// committed <paramref name="checkpoints"/> where the source can.
    /// </summary>
    /// <exception cref="SourceRefusedException">The source refused our credentials or request: retrying would not help.</exception>
    IAsyncEnumerable<CapturedPost> ReadAsync(IReadOnlyDictionary<string, long> checkpoints, CancellationToken cancellationToken);
}
