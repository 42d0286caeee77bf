using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Lake;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs;

namespace TrendingTv.Cli.Commands;

/// <summary><c>trendingtv query "SQL" [--lake PATH]</c>: DuckDB over views tweet_stat, tmdb_stat, tvshows, genres, networks, date.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "A DuckDB SQL query over tweet_stat, tmdb_stat, tvshows, genres, networks, \"date\"" };
        var lake = CommonOptions.Lake();
        var command = new Command("query", "Run SQL over the lake's tables (DuckDB)") { sql, lake };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: false, cancellationToken: cancellationToken);
            using var tables = await LakeTables.OpenAsync(host.Services.GetRequiredService<IObjectStore>(), cancellationToken);
            QueryResult result;
            try
            {
                result = await LakeQuery.RunAsync(tables.Connection, parse.GetValue(sql)!, cancellationToken);
            }
            catch (DuckDB.NET.Data.DuckDBException e)
            {
                await Console.Error.WriteLineAsync($"The query failed: {e.Message}");
                return 1;
            }

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
            AnsiConsole.MarkupLine($"[grey]{result.Rows.Count} row(s)[/]");
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
