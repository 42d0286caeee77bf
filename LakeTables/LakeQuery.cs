using System.Globalization;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace TrendingTv.LakeTables;

/// <summary>
/// Runs one SQL statement on a <see cref="LakeDatabase"/> connection and collects the result. The text
/// is split by DuckDB's own parser: an empty text or several statements are refused before anything
/// runs. Cancelling the token interrupts DuckDB mid-query.
/// </summary>
public static class LakeQuery
{
    /// <summary>Runs a query and returns its column names and rows (values as DuckDB.NET returns them).</summary>
    /// <exception cref="QueryRejectedException">The text holds no statement or more than one.</exception>
    /// <exception cref="DuckDBException">DuckDB refused or failed the statement (syntax, permission, …).</exception>
    public static async Task<QueryResult> RunAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        EnsureOneStatement(connection, sql);
        return await Interruptible.RunAsync(connection, () => Collect(connection, sql, cancellationToken), cancellationToken);
    }

    /// <summary>Counts the statements with DuckDB's parser, without running any.</summary>
    /// <exception cref="QueryRejectedException">The text holds no statement or more than one, or does not parse.</exception>
    public static void EnsureOneStatement(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var statements);
        using (statements)
        {
            if (count == 1)
            {
                return;
            }

            var parseError = count == 0 ? NativeMethods.ExtractStatements.DuckDBExtractStatementsError(statements) : null;
            throw new QueryRejectedException(count switch
            {
                0 when !string.IsNullOrWhiteSpace(parseError) => "The query does not parse: " + parseError.Split('\n', 2)[0].Trim(),
                0 => "The query is empty: give one SQL statement, e.g. \"SELECT count(*) FROM tweet_stat\".",
                _ => string.Create(CultureInfo.InvariantCulture, $"The query holds {count} statements; give exactly one (no ';' between statements)."),
            });
        }
    }

    private static QueryResult Collect(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new QueryResult(columns, rows);
    }
}
