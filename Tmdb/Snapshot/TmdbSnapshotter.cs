using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb.Snapshot;

/// <summary>
/// The daily TMDB snapshot: the details of every catalogue show, one raw JSON object a line with
/// <c>query_datetime</c> added (see <see cref="TmdbSnapshotLine"/>), in catalogue order, uploaded
/// to <see cref="LakeLayout.RawTmdbDayKey"/>. A show that fails (404, malformed body, an error that
/// outlived the retries) is reported in the summary and the others carry on — until more shows
/// have failed than <see cref="TmdbOptions.MaxFailureShare"/> allows: then no further show is
/// requested, the calls in flight are cancelled and the summary says it stopped early. Nothing is
/// uploaded when nothing succeeded or the failure share is exceeded, so a bad run never replaces a
/// good file of that date. The format and the rules: <c>docs/tmdb.md</c>.
/// </summary>
public sealed class TmdbSnapshotter
{
    private readonly TmdbClient _client;
    private readonly IObjectStore _store;
    private readonly TmdbOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TmdbSnapshotter> _logger;

    public TmdbSnapshotter(TmdbClient client, IObjectStore store, IOptions<TmdbOptions> options, TimeProvider time, ILogger<TmdbSnapshotter> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Snapshots the lake's catalogue (or the default one when the lake has none) for <paramref name="date"/>.</summary>
    public async Task<TmdbSnapshotSummary> RunAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var catalogue = await ShowCatalogue.LoadInEffectAsync(_store, _logger, cancellationToken);
        return await RunAsync(date, catalogue, cancellationToken);
    }

    /// <summary>Snapshots the given catalogue's shows for <paramref name="date"/>.</summary>
    public async Task<TmdbSnapshotSummary> RunAsync(DateOnly date, ShowCatalogue catalogue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var dateText = LakeLayout.Iso(date);
        var shows = catalogue.Shows;
        TmdbLog.SnapshotStarting(_logger, dateText, shows.Count);

        var lines = new byte[]?[shows.Count];
        var failures = await TakeAllAsync(shows, lines, cancellationToken);
        var failed = failures.OrderBy(f => f.Key).Select(f => f.Value).ToArray();
        var succeeded = lines.Count(l => l is not null);
        var summary = new TmdbSnapshotSummary(date, null, shows.Count, succeeded, failed, _options.MaxFailureShare);
        if (TmdbSnapshotSummary.TooManyFailures(failed.Length, shows.Count, _options.MaxFailureShare) && succeeded + failed.Length < shows.Count)
        {
            summary = summary with { StoppedEarly = true, NotTaken = shows.Count - succeeded - failed.Length };
            TmdbLog.SnapshotStopped(_logger, dateText, failed.Length, shows.Count, _options.MaxFailureShare, summary.NotTaken);
            return summary;
        }

        if (summary.ExceedsFailureThreshold)
        {
            TmdbLog.SnapshotRejected(_logger, dateText, failed.Length, shows.Count, _options.MaxFailureShare);
            return summary;
        }

        var key = LakeLayout.RawTmdbDayKey(date);
        await using (var content = new MemoryStream(lines.Sum(l => l is null ? 0 : l.Length + 1)))
        {
            foreach (var line in lines)
            {
                if (line is not null)
                {
                    content.Write(line);
                    content.WriteByte((byte)'\n');
                }
            }

            content.Position = 0;
            await _store.PutAsync(key, content, cancellationToken);
        }

        TmdbLog.SnapshotUploaded(_logger, dateText, succeeded, shows.Count, key);
        return summary with { KeyWritten = key };
    }

    /// <summary>
    /// Takes the shows, <see cref="TmdbOptions.MaxConcurrency"/> at a time, into <paramref name="lines"/>,
    /// and returns the failures by catalogue index. Once the failures are more than the share allows,
    /// the shows not yet started are skipped and the calls in flight cancelled (their lines stay null).
    /// </summary>
    private async Task<ConcurrentDictionary<int, TmdbShowFailure>> TakeAllAsync(IReadOnlyList<Show> shows, byte[]?[] lines, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentDictionary<int, TmdbShowFailure>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, shows.Count), parallel, async (index, token) =>
            {
                var show = shows[index];
                TmdbShowFailure? failure;
                try
                {
                    failure = await TakeAsync(show, index, lines, token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return; // the snapshot has stopped: this show is not taken, and not a failure
                }

                if (failure is not null)
                {
                    failures[index] = failure;
                    TmdbLog.ShowFailed(_logger, show.Id, show.Name, failure.Reason);
                    if (TmdbSnapshotSummary.TooManyFailures(failures.Count, shows.Count, _options.MaxFailureShare))
                    {
                        await stop.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped early: the caller reads what was taken and what failed.
        }

        return failures;
    }

    private async Task<TmdbShowFailure?> TakeAsync(Show show, int index, byte[]?[] lines, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetTvSeriesAsync(show.Id, cancellationToken);
            if (response.Value.Id != show.Id)
            {
                return new TmdbShowFailure(show.Id, show.Name, TmdbFailureKind.MalformedResponse, $"TMDB GET 3/tv/{show.Id} answered with the object of id {response.Value.Id}.");
            }

            // The stamp is the time the response arrived, as the original pipeline recorded it.
            lines[index] = TmdbSnapshotLine.Build(response.RawJson, _time.GetUtcNow());
            return null;
        }
        catch (TmdbException e)
        {
            return new TmdbShowFailure(show.Id, show.Name, e.Kind, e.Message);
        }
        catch (FormatException e)
        {
            return new TmdbShowFailure(show.Id, show.Name, TmdbFailureKind.MalformedResponse, $"TMDB GET 3/tv/{show.Id}: {e.Message}");
        }
    }
}
