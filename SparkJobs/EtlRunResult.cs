using TrendingTv.DataLake.Layout;

namespace TrendingTv.SparkJobs;

/// <summary>What one local ETL run wrote: the fact-table rows and every lake key it put.</summary>
public sealed record EtlRunResult(Dataset Dataset, DateOnly Date, long RowsWritten, IReadOnlyList<string> KeysWritten);
