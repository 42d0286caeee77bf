using System.Globalization;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Staging;

/// <summary>
/// Swaps a run's checked outputs from its staging folder (<see cref="RunStaging"/>) into the lake, then
/// removes the staging folder. Each of the run's partitions (tweet: <c>post_stat</c>, then <c>tweet_stat</c>) is replaced as a whole: each staged Parquet file is
/// put as <c>part-0000n.snappy.parquet</c> (a re-run overwrites the previous file in one put), every
/// other object of the partition is deleted, and <c>_SUCCESS</c> is written last; for tmdb each staged
/// dimension is then put as <c>dims/{name}.csv</c> and <c>dims/_AS_OF</c> records the run's date. Other
/// dates are never touched. The dimensions describe the latest snapshot: a run of a date older than
/// <c>dims/_AS_OF</c> (a backfill after the daily runs) publishes its partition and keeps the newer dimensions.
/// </summary>
/// <remarks>
/// Idempotent, so that an activity retried after a crash is safe: until the swap is complete the staged
/// outputs stay where they are and a retry repeats the same puts; once it is complete a marker
/// (<see cref="RunStaging.PublishedMarker"/>) is written, the rest of the staging folder is deleted and
/// the marker last. A retry that finds the marker only finishes the clean-up; one that finds no staging
/// folder at all and a published partition reports the run as already published.
/// </remarks>
public sealed partial class StagedOutputPublisher(IObjectStore lake, ILogger<StagedOutputPublisher> logger)
{
    /// <summary>The object beside the dimensions holding the date (<c>yyyy-MM-dd</c>) of the run that published them.</summary>
    public const string DimensionsAsOfKey = LakeLayout.DimensionsRoot + "/_AS_OF";

    /// <summary>The name of the n-th Parquet file of a published partition (<c>part-00000.snappy.parquet</c> for the first).</summary>
    public static string PartFileName(int index) => $"part-{index:D5}.snappy.parquet";

    /// <summary>Publishes the staged outputs of <paramref name="dataset"/> for <paramref name="date"/> and cleans its staging folder.</summary>
    /// <exception cref="InvalidOperationException">Nothing publishable is staged (no Parquet file, a dimension without exactly one CSV part file).</exception>
    public async Task<PublishReport> PublishAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var staging = new RunStaging(dataset, date);
        var partition = lake.Root.UriOf(staging.LivePartitionPrefix.TrimEnd('/')) + "/";
        var swapped = await lake.ExistsAsync(staging.PublishedMarker, cancellationToken);
        if (!swapped && !await lake.AnyUnderAsync(staging.Prefix, cancellationToken))
        {
            return await AlreadyPublishedAsync(staging, partition, cancellationToken);
        }

        var written = new List<string>();
        var stale = 0;
        var dimensionsKept = false;
        if (!swapped)
        {
            var outputs = await FindOutputsAsync(staging, cancellationToken);
            // The main table last: its _SUCCESS then says the run's every partition is in place.
            foreach (var (table, parts) in outputs.Partitions.Reverse())
            {
                stale += await ReplacePartitionAsync(staging.LivePartitionPrefixOf(table), parts, written, cancellationToken);
            }

            dimensionsKept = !await ReplaceDimensionsAsync(staging, outputs.Dimensions, written, cancellationToken);
            await lake.PutTextAsync(staging.PublishedMarker, string.Empty, cancellationToken);
        }
        else
        {
            LogResuming(logger, staging.RunId);
        }

        var cleaned = await RemoveStagingAsync(staging, cancellationToken);
        LogPublished(logger, staging.RunId, written.Count, stale, cleaned);
        return new PublishReport(staging.RunId, partition, written, stale, cleaned, WasAlreadyPublished: swapped) { NewerDimensionsKept = dimensionsKept };
    }

    /// <summary>
    /// Removes the staging folders under <c>jobs/</c> whose newest object is older than <paramref name="olderThan"/>:
    /// what failed runs left behind for inspection and nobody re-ran. Returns the folders removed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveExpiredStagingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var info in lake.ListAsync(LakeLayout.JobsRoot + "/", cancellationToken))
        {
            var slash = info.Key.IndexOf('/', LakeLayout.JobsRoot.Length + 1);
            if (slash < 0)
            {
                continue; // an object directly under jobs/ belongs to no run
            }

            var folder = info.Key[..(slash + 1)];
            newest[folder] = newest.TryGetValue(folder, out var seen) && seen > info.LastModified ? seen : info.LastModified;
        }

        var removed = new List<string>();
        foreach (var (folder, lastWrite) in newest.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (lastWrite < olderThan)
            {
                var count = await lake.DeleteByPrefixAsync(folder, cancellationToken);
                LogExpired(logger, folder, lastWrite, count);
                removed.Add(folder);
            }
        }

        return removed;
    }

    private async Task<StagedOutputs> FindOutputsAsync(RunStaging staging, CancellationToken cancellationToken)
    {
        var partitions = new List<(string Table, IReadOnlyList<string> Parts)>();
        foreach (var table in staging.FactTables)
        {
            var prefix = staging.PartitionPrefixOf(table);
            var parts = await RunStaging.ListPartFilesAsync(lake, prefix, ".parquet", cancellationToken);
            if (parts.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Run {staging.RunId}: nothing to publish, no Parquet file is staged under {lake.Root.UriOf(prefix.TrimEnd('/'))}/.");
            }

            partitions.Add((table, [.. parts.Select(p => p.Key)]));
        }

        var dimensions = new List<(string Name, string Key)>();
        foreach (var name in staging.Dimensions)
        {
            var prefix = staging.DimensionPrefix(name);
            var files = await RunStaging.ListPartFilesAsync(lake, prefix, ".csv", cancellationToken);
            if (files.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Run {staging.RunId}: expected one CSV part file of the {name} dimension under {lake.Root.UriOf(prefix.TrimEnd('/'))}/, found {files.Count}.");
            }

            dimensions.Add((name, files[0].Key));
        }

        return new StagedOutputs(partitions, dimensions);
    }

    /// <summary>Replaces the live partition: part files put, stale objects removed, <c>_SUCCESS</c> last. Returns the stale objects removed.</summary>
    private async Task<int> ReplacePartitionAsync(string live, IReadOnlyList<string> parts, List<string> written, CancellationToken cancellationToken)
    {
        var successKey = live + LakeLayout.SuccessMarker;
        var partKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            var key = live + PartFileName(i);
            await CopyAsync(parts[i], key, cancellationToken);
            partKeys.Add(key);
            written.Add(key);
        }

        var stale = new List<string>();
        await foreach (var info in lake.ListAsync(live, cancellationToken))
        {
            if (info.Key != successKey && !partKeys.Contains(info.Key))
            {
                stale.Add(info.Key);
            }
        }

        foreach (var key in stale)
        {
            await lake.DeleteAsync(key, cancellationToken);
        }

        await lake.PutTextAsync(successKey, string.Empty, cancellationToken);
        written.Add(successKey);
        return stale.Count;
    }

    /// <summary>
    /// Puts each staged dimension as <c>dims/{name}.csv</c>, then <see cref="DimensionsAsOfKey"/>; false (nothing
    /// written) when the dimensions in place come from a later date than this run's.
    /// </summary>
    private async Task<bool> ReplaceDimensionsAsync(
        RunStaging staging, IReadOnlyList<(string Name, string Key)> dimensions, List<string> written, CancellationToken cancellationToken)
    {
        if (dimensions.Count == 0)
        {
            return true;
        }

        var asOf = await DimensionsAsOfAsync(cancellationToken);
        if (asOf > staging.Date)
        {
            LogNewerDimensionsKept(logger, staging.RunId, LakeLayout.Iso(asOf.Value));
            return false;
        }

        foreach (var (name, stagedKey) in dimensions)
        {
            var key = LakeLayout.DimensionKey(name);
            await CopyAsync(stagedKey, key, cancellationToken);
            written.Add(key);
        }

        await lake.PutTextAsync(DimensionsAsOfKey, LakeLayout.Iso(staging.Date), cancellationToken);
        written.Add(DimensionsAsOfKey);
        return true;
    }

    /// <summary>The date of the run that published the dimensions in place; null when unknown (none yet, or written by another tool).</summary>
    private async Task<DateOnly?> DimensionsAsOfAsync(CancellationToken cancellationToken)
    {
        if (!await lake.ExistsAsync(DimensionsAsOfKey, cancellationToken))
        {
            return null;
        }

        var text = (await lake.ReadTextAsync(DimensionsAsOfKey, cancellationToken)).Trim();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>Deletes the staging folder, the publish marker last.</summary>
    private async Task<int> RemoveStagingAsync(RunStaging staging, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var info in lake.ListAsync(staging.Prefix, cancellationToken))
        {
            if (info.Key != staging.PublishedMarker)
            {
                keys.Add(info.Key);
            }
        }

        foreach (var key in keys)
        {
            await lake.DeleteAsync(key, cancellationToken);
        }

        await lake.DeleteAsync(staging.PublishedMarker, cancellationToken);
        return keys.Count;
    }

    /// <summary>No staging folder at all: an earlier attempt published and cleaned up, provided the partition is there.</summary>
    private async Task<PublishReport> AlreadyPublishedAsync(RunStaging staging, string partition, CancellationToken cancellationToken)
    {
        if (!await lake.ExistsAsync(staging.LivePartitionPrefix + LakeLayout.SuccessMarker, cancellationToken))
        {
            throw new InvalidOperationException(
                $"Run {staging.RunId}: nothing is staged under {lake.Root.UriOf(staging.Prefix.TrimEnd('/'))}/ and {partition} is not published; run the job first.");
        }

        LogAlreadyPublished(logger, staging.RunId, partition);
        return new PublishReport(staging.RunId, partition, [], 0, 0, WasAlreadyPublished: true);
    }

    private async Task CopyAsync(string sourceKey, string targetKey, CancellationToken cancellationToken)
    {
        await using var source = await lake.OpenReadAsync(sourceKey, cancellationToken);
        await lake.PutAsync(targetKey, source, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: published {Written} objects, removed {Stale} stale objects from the partition and {Cleaned} staging objects")]
    private static partial void LogPublished(ILogger logger, string runId, int written, int stale, int cleaned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: an earlier attempt swapped the outputs in; finishing its clean-up")]
    private static partial void LogResuming(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: nothing staged and {Partition} is published; an earlier attempt published it")]
    private static partial void LogAlreadyPublished(ILogger logger, string runId, string partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: the dimensions in place are as of {AsOf}, later than this run; they are kept")]
    private static partial void LogNewerDimensionsKept(ILogger logger, string runId, string asOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the expired staging folder {Folder} (last written {LastWrite:u}, {Count} objects)")]
    private static partial void LogExpired(ILogger logger, string folder, DateTimeOffset lastWrite, int count);

    private sealed record StagedOutputs(IReadOnlyList<(string Table, IReadOnlyList<string> Parts)> Partitions, IReadOnlyList<(string Name, string Key)> Dimensions);
}
