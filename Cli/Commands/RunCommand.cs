using System.CommandLine;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Commands;

/// <summary><c>trendingtv run --from --to [--dataset tweet|tmdb|all] [--lake PATH]</c>: the DAGs for a range against the configured lake and engine.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var from = CommonOptions.Date("--from", "First date to run");
        var to = CommonOptions.Date("--to", "Last date to run");
        var dataset = new Option<string>("--dataset") { Description = "tweet, tmdb or all", DefaultValueFactory = _ => "all" };
        dataset.AcceptOnlyFromAmong("tweet", "tmdb", "all");
        var lake = CommonOptions.Lake();
        var command = new Command("run", "Run the DAGs (raw check, ETL job, sensor, processed check) for every date of a range on the embedded durable host") { from, to, dataset, lake };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromDate = parse.GetValue(from);
            var toDate = parse.GetValue(to);
            if (toDate < fromDate)
            {
                await Console.Error.WriteLineAsync($"--to {LakeLayout.Iso(toDate)} is before --from {LakeLayout.Iso(fromDate)}.");
                return 2;
            }

            var datasets = parse.GetValue(dataset) switch
            {
                "tweet" => [Dataset.Tweet],
                "tmdb" => [Dataset.Tmdb],
                _ => DatasetNames.All,
            };
            using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: true, cancellationToken: cancellationToken);
            var results = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(context => DagRunner.RunAsync(host.Services, fromDate, toDate, datasets, context, cancellationToken));
            DagRunner.Print(AnsiConsole.Console, results);
            return results.All(r => r.Succeeded) ? 0 : 1;
        });
        return command;
    }
}
