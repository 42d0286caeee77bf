namespace TrendingTv.Activities.Engines;

/// <summary>The values of <c>Engine:Kind</c>.</summary>
public static class EngineKind
{
    /// <summary>SparkJobs' SQL on embedded DuckDB, in this process.</summary>
    public const string Local = "local";

    /// <summary>An AWS EMR job flow running SparkJobs' Spark SQL.</summary>
    public const string Emr = "emr";
}
