using DuckDB.NET.Data;

namespace TrendingTv.Cli.Lake;

/// <summary>Runs SQL on a DuckDB connection (the views of SparkJobs' <c>LakeTables</c>) and collects the result.</summary>
public static class LakeQuery
{
    /// <summary>Runs a query and returns its column names and rows (values as DuckDB.NET returns them).</summary>
    public static async Task<QueryResult> RunAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new QueryResult(columns, rows);
    }
}
