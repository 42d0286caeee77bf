using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.DataLake.Storage;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// <c>trendingtv query "SQL" [--lake PATH] [--unsafe]</c>: one read-only DuckDB statement over the lake's
/// tables tweet_stat, post_stat, tmdb_stat, tvshows, genres, networks and date. Sandboxed unless <c>--unsafe</c>
/// (see <see cref="LakeDatabase"/>).
/// </summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "One DuckDB SQL statement over tweet_stat, tmdb_stat, tvshows, genres, networks, \"date\"" };
        var lake = CommonOptions.Lake();
        var unrestricted = new Option<bool>("--unsafe")
        {
            Description = "Full DuckDB: files, network, extensions, COPY and ATTACH (the lake's tables stay read-only). Off by default.",
        };
        var command = new Command(
            "query",
            "Run one read-only SQL statement (DuckDB) over the lake's tables. Without --unsafe it cannot read or write files, reach the network, install extensions, ATTACH or change settings.")
        {
            sql, lake, unrestricted,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: false, cancellationToken: cancellationToken);
            var store = host.Services.GetRequiredService<IObjectStore>();
            var access = parse.GetValue(unrestricted) ? LakeAccess.Unrestricted : LakeAccess.Sandboxed;
            using var tables = await LakeDatabase.OpenAsync(store, access, cancellationToken);
            foreach (var skipped in tables.SkippedFiles)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Warning: skipped {skipped.Key}: {skipped.Reason}");
            }

            var statement = parse.GetValue(sql) ?? string.Empty;
            LakeQuery.EnsureOneStatement(tables.Connection, statement);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Running the query over {store.Root} ({(access == LakeAccess.Sandboxed ? "read-only, sandboxed" : "UNSAFE: full DuckDB")}); Ctrl-C cancels.");
            var result = await LakeQuery.RunAsync(tables.Connection, statement, cancellationToken);
            var table = new Table();
            foreach (var column in result.Columns)
            {
                table.AddColumn(Markup.Escape(column));
            }

            foreach (var row in result.Rows)
            {
                table.AddRow(row.Select(v => Markup.Escape(Format(v))).ToArray());
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{result.Rows.Count} row(s)[/]"));
            return 0;
        });
        return command;
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
