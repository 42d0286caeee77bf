using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb.Snapshot;

/// <summary>
/// The daily TMDB snapshot (issue 6): the details of every catalogue show, one raw JSON object a
/// line with <c>query_datetime</c> added (see <see cref="TmdbSnapshotLine"/>), in catalogue order,
/// uploaded to <see cref="LakeLayout.RawTmdbDayKey"/>. A show that fails (404, malformed body, an
/// error that outlived the retries) is reported in the summary and the others carry on. Nothing is
/// uploaded when nothing succeeded or the failure share exceeds
/// <see cref="TmdbOptions.MaxFailureShare"/>, so a bad run never replaces a good file of that date.
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
        var failures = new ConcurrentDictionary<int, TmdbShowFailure>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, shows.Count), parallel, async (index, token) =>
        {
            var show = shows[index];
            var failure = await TakeAsync(show, index, lines, token);
            if (failure is not null)
            {
                failures[index] = failure;
                TmdbLog.ShowFailed(_logger, show.Id, show.Name, failure.Reason);
            }
        });

        var failed = failures.OrderBy(f => f.Key).Select(f => f.Value).ToArray();
        var succeeded = lines.Count(l => l is not null);
        var summary = new TmdbSnapshotSummary(date, null, shows.Count, succeeded, failed, _options.MaxFailureShare);
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
