using System.ComponentModel.DataAnnotations;

namespace TrendingTv.SparkJobs;

/// <summary>Settings of the local (DuckDB) ETL engine.</summary>
public sealed class LocalEtlOptions
{
    /// <summary>Folder for per-run scratch directories (inputs fetched from S3, outputs before upload); default: the system temp folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>DuckDB worker threads; null lets DuckDB use every core.</summary>
    [Range(1, 256)]
    public int? Threads { get; set; }

    /// <summary>The first year of the <c>date</c> dimension (it runs from 1 January of that year to 31 December of the run date's year).</summary>
    [Range(1900, 2999)]
    public int DateDimensionFirstYear { get; set; } = 2020;
}
