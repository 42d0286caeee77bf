using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Rebuild;

namespace TrendingTv.Activities.Dag;

/// <summary>
/// DAG step 1 (tweet runs): which canonical hours the day's job reads (the date's 24 and the next date's first) are
/// stale against their raw hours, for every source this build can rebuild. Read-only; the orchestrator rebuilds them
/// one by one through <see cref="RebuildCanonicalHourActivity"/> before it submits the job.
/// </summary>
public sealed class FindStaleCanonicalHoursActivity(CanonicalRebuilder rebuilder)
{
    public async Task<StaleCanonicalHours> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Dataset != Dataset.Tweet)
        {
            return new StaleCanonicalHours(0, []);
        }

        var hours = CanonicalHours.ReadForDate(request.Date);
        var stale = new List<CanonicalHourRequest>();
        var checkedHours = 0;
        foreach (var source in rebuilder.Sources)
        {
            foreach (var check in await rebuilder.InspectAsync(source, hours, cancellationToken))
            {
                checkedHours++;
                if (check.IsStale)
                {
                    stale.Add(new CanonicalHourRequest(check.Source, check.Hour, check.Reason));
                }
            }
        }

        return new StaleCanonicalHours(checkedHours, stale);
    }
}
