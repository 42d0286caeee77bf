using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;

namespace TrendingTv.SparkJobs.Staging;

/// <summary>
/// Where one run (a dataset and a UTC date) writes its outputs before they are checked and published:
/// the lake folder <c>jobs/{runId}/</c>, one per run id (never per attempt, so failed attempts do not
/// pile up). Under <c>jobs/{runId}/out/</c> the outputs mirror the lake's layout: each fact partition at
/// <c>out/{table}/year=Y/month=M/day=D/</c> (tweet: tweet_stat and post_stat) (Parquet part files) and, for tmdb, each dimension as one CSV
/// part file under <c>out/dims/{name}/</c>. Both engines write there: DuckDB with fixed file names,
/// Spark's <c>INSERT OVERWRITE DIRECTORY</c> with its own. The EMR engine also keeps the job's script
/// (and <c>show_keys.csv</c>) in <c>jobs/{runId}/</c>. See <c>docs/dag.md</c>.
/// </summary>
public sealed record RunStaging(Dataset Dataset, DateOnly Date)
{
    /// <summary>The marker a publish leaves while it removes the staging folder, so that a retry knows the swap is done.</summary>
    public const string PublishedMarkerName = "_PUBLISHED";

    /// <summary>The <c>{dataset}-{yyyy-MM-dd}</c> run id (also the DAG's instance id).</summary>
    public string RunId => JobParameters.RunId(Dataset, Date);

    /// <summary><c>jobs/{runId}/</c>: everything the run keeps aside.</summary>
    public string Prefix => $"{LakeLayout.JobsRoot}/{RunId}/";

    /// <summary><c>jobs/{runId}/out/</c>: the outputs, laid out as in the lake.</summary>
    public string OutputPrefix => Prefix + "out/";

    /// <summary>The run's main fact table (<c>tweet_stat</c> or <c>tmdb_stat</c>).</summary>
    public string FactTable => LakeLayout.FactTable(Dataset);

    /// <summary>Every fact table the run writes, the main one first (the tweet run also writes <c>post_stat</c>).</summary>
    public IReadOnlyList<string> FactTables => LakeLayout.FactTables(Dataset);

    /// <summary>The staged partition of the main fact table: <c>jobs/{runId}/out/{table}/year=Y/month=M/day=D/</c>.</summary>
    public string PartitionPrefix => PartitionPrefixOf(FactTable);

    /// <summary>The lake partition of the main fact table that the staged one replaces when published.</summary>
    public string LivePartitionPrefix => LakeLayout.PartitionPrefix(FactTable, Date);

    /// <summary>The staged partition of one of <see cref="FactTables"/>.</summary>
    public string PartitionPrefixOf(string table) => OutputPrefix + LakeLayout.PartitionPrefix(KnownTable(table), Date);

    /// <summary>The lake partition of one of <see cref="FactTables"/>.</summary>
    public string LivePartitionPrefixOf(string table) => LakeLayout.PartitionPrefix(KnownTable(table), Date);

    /// <summary>The dimensions the run writes: all four for tmdb, none for tweet.</summary>
    public IReadOnlyList<string> Dimensions => Dataset == Dataset.Tmdb ? LakeLayout.Dimensions : [];

    /// <summary><c>jobs/{runId}/</c> + <see cref="PublishedMarkerName"/>.</summary>
    public string PublishedMarker => Prefix + PublishedMarkerName;

    /// <summary>The staged folder of a dimension: <c>jobs/{runId}/out/dims/{name}/</c>.</summary>
    public string DimensionPrefix(string name)
    {
        _ = LakeLayout.DimensionKey(name); // rejects an unknown dimension
        return $"{OutputPrefix}{LakeLayout.DimensionsRoot}/{name}/";
    }

    private string KnownTable(string table) => FactTables.Contains(table)
        ? table
        : throw new ArgumentException($"The {Dataset.Name()} run writes {string.Join(" and ", FactTables)}, not '{table}'.", nameof(table));

    /// <summary>
    /// True for a data file directly in <paramref name="folder"/> with the given extension: Spark also
    /// leaves <c>_SUCCESS</c>, <c>.crc</c> files and, when a job dies, <c>_temporary/</c> sub-folders, none of which hold rows.
    /// </summary>
    public static bool IsPartFile(string key, string folder, string extension)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(folder);
        if (!key.StartsWith(folder, StringComparison.Ordinal))
        {
            return false;
        }

        var name = key[folder.Length..];
        return name.Length > extension.Length
            && !name.Contains('/', StringComparison.Ordinal)
            && !name.StartsWith('_')
            && !name.StartsWith('.')
            && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The part files directly in <paramref name="folder"/>, in key order.</summary>
    public static async Task<IReadOnlyList<ObjectInfo>> ListPartFilesAsync(IObjectStore lake, string folder, string extension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var parts = new List<ObjectInfo>();
        await foreach (var info in lake.ListAsync(folder, cancellationToken))
        {
            if (IsPartFile(info.Key, folder, extension))
            {
                parts.Add(info);
            }
        }

        return parts;
    }

    /// <summary>Removes everything the run kept aside (before a new job writes there, or after a publish).</summary>
    public Task<int> ClearAsync(IObjectStore lake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        return lake.DeleteByPrefixAsync(Prefix, cancellationToken);
    }

    public override string ToString() => Prefix;
}
