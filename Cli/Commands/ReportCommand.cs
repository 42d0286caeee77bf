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
    /// <summary>The most shows a ranking may list.</summary>
    public const int MaxTop = 1000;

    public static Command Create()
    {
        var from = CommonOptions.Date("--from", "First date of the report");
        var to = CommonOptions.Date("--to", "Last date of the report");
        var top = CommonOptions.WholeNumber("--top", "How many shows per ranking", 25, 1, MaxTop);
        var format = new Option<string>("--format") { Description = "table, json or html", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<string?>("--out") { Description = "Output directory for json/html (html default: ./report; json default: standard output)" };
        var lake = CommonOptions.Lake();
        var command = new Command("report", "Popular and trending shows over a date range (at most 366 days), from the lake's tables") { from, to, top, format, output, lake };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var range = DateRange.Check(parse.GetValue(from), parse.GetValue(to));
            var chosenFormat = parse.GetValue(format)!;
            var outDirectory = parse.GetValue(output);
            if (chosenFormat == "html" || outDirectory is not null)
            {
                ReportOutput.Prepare("--out", outDirectory ?? "report");
            }

            using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: false, cancellationToken: cancellationToken);
            var store = host.Services.GetRequiredService<IObjectStore>();
            var options = host.Services.GetRequiredService<IOptions<TrendingOptions>>().Value;
            var report = await ReportRunner.BuildAsync(
                store, options, range.From, range.To, parse.GetValue(top), warning => parse.InvocationConfiguration.Error.WriteLine("Warning: " + warning), cancellationToken);
            await ReportRunner.WriteAsync(report, chosenFormat, outDirectory, AnsiConsole.Console, cancellationToken);
            return 0;
        });
        return command;
    }
}
