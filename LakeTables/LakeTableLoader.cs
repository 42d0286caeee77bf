using System.Text;
using DuckDB.NET.Data;

namespace TrendingTv.LakeTables;

/// <summary>
/// Copies one table's files into the scratch database. All files are read in one statement; when that
/// fails, each file is read on its own so that only the unreadable ones are skipped (and named).
/// </summary>
internal static class LakeTableLoader
{
    public static void Load(DuckDBConnection connection, LakeTableSource table, IReadOnlyList<TableFile> files, List<SkippedFile> skipped, CancellationToken cancellationToken)
    {
        Execute(connection, $"CREATE TABLE \"{table.Name}\" ({table.Columns})");
        if (files.Count == 0)
        {
            return;
        }

        try
        {
            Execute(connection, Insert(table, files));
            return;
        }
        catch (DuckDBException) when (files.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            // One bad file fails the whole statement; find it below.
        }
        catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested)
        {
            skipped.Add(new SkippedFile(table.Name, files[0].Key, FirstLine(e.Message)));
            return;
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                Execute(connection, Insert(table, [file]));
            }
            catch (DuckDBException e) when (!cancellationToken.IsCancellationRequested)
            {
                skipped.Add(new SkippedFile(table.Name, file.Key, FirstLine(e.Message)));
            }
        }
    }

    /// <summary>A path as a DuckDB string literal: quotes doubled, control characters refused.</summary>
    internal static string Literal(string path)
    {
        if (path.Any(char.IsControl))
        {
            throw new ArgumentException("A lake path contains a control character.", nameof(path));
        }

        return "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Insert(LakeTableSource table, IReadOnlyList<TableFile> files)
    {
        string source;
        if (files.Count == 1)
        {
            source = Literal(files[0].Path);
        }
        else
        {
            var list = new StringBuilder("[");
            for (var i = 0; i < files.Count; i++)
            {
                list.Append(i == 0 ? "" : ", ").Append(Literal(files[i].Path));
            }

            source = list.Append(']').ToString();
        }

        return $"INSERT INTO \"{table.Name}\" {table.Select(source)}";
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "unreadable" : line;
    }
}
