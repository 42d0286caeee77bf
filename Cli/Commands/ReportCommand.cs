using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Commands;

/// <summary><c>trendingtv report --from --to [--top 25] [--format table|json|html] [--out DIR] [--lake PATH]</c>.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var from = CommonOptions.Date("--from", "First date of the report");
        var to = CommonOptions.Date("--to", "Last date of the report");
        var top = new Option<int>("--top") { Description = "How many shows per ranking", DefaultValueFactory = _ => 25 };
        var format = new Option<string>("--format") { Description = "table, json or html", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<string?>("--out") { Description = "Output directory for json/html (html default: ./report; json default: standard output)" };
        var lake = CommonOptions.Lake();
        var command = new Command("report", "Popular and trending shows over a date range, from the lake's tables") { from, to, top, format, output, lake };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--top must be at least 1.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromDate = parse.GetValue(from);
            var toDate = parse.GetValue(to);
            if (toDate < fromDate)
            {
                await Console.Error.WriteLineAsync($"--to {toDate:yyyy-MM-dd} is before --from {fromDate:yyyy-MM-dd}.");
                return 2;
            }

            using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: false, cancellationToken: cancellationToken);
            var store = host.Services.GetRequiredService<IObjectStore>();
            var options = host.Services.GetRequiredService<IOptions<TrendingOptions>>().Value;
            var report = await ReportRunner.BuildAsync(store, options, fromDate, toDate, parse.GetValue(top), cancellationToken);
            await ReportRunner.WriteAsync(report, parse.GetValue(format)!, parse.GetValue(output), AnsiConsole.Console, cancellationToken);
            return 0;
        });
        return command;
    }
}
