using TrendingTv.DataLake.Layout;

namespace TrendingTv.LakeTables;

/// <summary>A lake file that could not be read, and why; its rows are missing from <see cref="Table"/>.</summary>
public sealed record SkippedFile(string Table, string Key, string Reason)
{
    /// <summary>The date of the partition the file belongs to; null for a dimension file.</summary>
    public DateOnly? PartitionDate => LakeLayout.TryParsePartition(Key, out _, out var date) ? date : null;
}
