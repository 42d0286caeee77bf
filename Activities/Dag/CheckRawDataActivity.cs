using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Activities.Dag;

/// <summary>
/// DAG step 1: counts the non-empty objects under the date's raw prefixes (every post source's for the tweet
/// dataset; an empty object is no data: a failed snapshot or upload). The orchestrator fails the run when there are none.
/// </summary>
public sealed class CheckRawDataActivity(IObjectStore lake)
{
    public async Task<RawDataReport> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefixes = LakeLayout.RawDayPrefixes(request.Dataset, request.Date);
        var count = 0;
        var empty = 0;
        long bytes = 0;
        foreach (var prefix in prefixes)
        {
            await foreach (var item in lake.ListAsync(prefix, cancellationToken))
            {
                if (item.Size == 0)
                {
                    empty++;
                    continue;
                }

                count++;
                bytes += item.Size;
            }
        }

        return new RawDataReport(string.Join(", ", prefixes.Select(p => lake.Root.UriOf(p.TrimEnd('/')) + "/")), count, bytes, empty);
    }
}
