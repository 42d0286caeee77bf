using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// Runs a live source into the store: resumes from the store's checkpoints, records a capture session (a heartbeat
/// every minute, so a crash leaves it ending near the crash), and lets the <see cref="CapturePipeline"/> commit
/// until the source ends, fails or the token is cancelled (the batch in progress is committed). Used by
/// <c>streamer run</c> and <c>streamer capture</c> alike.
/// </summary>
public sealed class LiveCapture(CapturePipeline pipeline, PostStore store, ConnectionRecorder recorder, TimeProvider time)
{
    /// <summary>How often a running session is marked alive.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    /// <exception cref="SourceRefusedException">The source refused our credentials (after committing what was read).</exception>
    public async Task<LiveCaptureResult> RunAsync(ICaptureSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        // The session is recorded even when stopping already (a signal, a --duration spent during start-up): its time
        // without a connection is then a gap, and the pipeline below returns at once.
        var checkpoints = await store.ReadCheckpointsAsync(CancellationToken.None);
        await recorder.StartSessionAsync(source.Name, CancellationToken.None);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = BeatAsync(source.Name, stopHeartbeat.Token);
        CaptureSummary summary;
        SessionOutcome outcome;
        try
        {
            summary = await pipeline.RunAsync(source.ReadAsync(checkpoints, cancellationToken), source.Filtered, cancellationToken);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            outcome = await recorder.EndSessionAsync(source.Name);
        }

        return new LiveCaptureResult(summary, outcome);
    }

    private async Task BeatAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Heartbeat, time, cancellationToken);
                await recorder.HeartbeatAsync(source, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Capture ended.
        }
    }
}
