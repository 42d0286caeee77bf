using System.Globalization;
using DuckDB.NET.Data;

namespace TrendingTv.LakeTables.Tests;

/// <summary>Query results as invariant text for assertions: "a|b|c" per row.</summary>
internal static class Rows
{
    public static async Task<List<string>> OfAsync(DuckDBConnection connection, string sql)
    {
        var result = await LakeQuery.RunAsync(connection, sql);
        return [.. result.Rows.Select(row => string.Join('|', row.Select(Format)))];
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
