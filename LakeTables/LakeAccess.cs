namespace TrendingTv.LakeTables;

/// <summary>What a connection opened by <see cref="LakeDatabase"/> may reach beside the lake's tables.</summary>
public enum LakeAccess
{
    /// <summary>The tables only: no file, URL, extension install or setting change.</summary>
    Sandboxed,

    /// <summary>Full DuckDB (files, network, extensions); the tables themselves stay read-only.</summary>
    Unrestricted,
}
