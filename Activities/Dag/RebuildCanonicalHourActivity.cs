using TrendingTv.DataLake.Rebuild;

namespace TrendingTv.Activities.Dag;

/// <summary>
/// DAG step 1 (tweet runs): rebuilds one stale canonical hour from its raw hour. The hour is checked afresh, so a
/// retry after a crash mid-rebuild rebuilds it again (whole) or finds it current and skips it.
/// </summary>
public sealed class RebuildCanonicalHourActivity(CanonicalRebuilder rebuilder)
{
    public Task<HourRebuild> RunAsync(CanonicalHourRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return rebuilder.RebuildHourAsync(request.Source, request.Hour, force: false, rawBytesRead: null, cancellationToken);
    }
}
