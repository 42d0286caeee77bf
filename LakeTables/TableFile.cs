namespace TrendingTv.LakeTables;

/// <summary>One file of a table: its lake key and the local path it is read from.</summary>
internal sealed record TableFile(string Key, string Path);
