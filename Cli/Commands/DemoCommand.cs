using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Demo;
using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Layout;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// <c>trendingtv demo [--lake ./lake] [--out ./report] [--seed N] [--days 7] [--posts-per-day 4000] [--start yyyy-MM-dd]</c>:
/// the whole pipeline on a synthetic week, with no network and no configuration.
/// </summary>
public static class DemoCommand
{
    /// <summary>Settings the demo uses unless configuration says otherwise: a fast sensor and quick retries.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        ["Dags:PollInterval"] = "00:00:00.200",
        ["Dags:ActivityFirstRetryInterval"] = "00:00:01",
        ["Dags:ActivityMaxAttempts"] = "2",
        ["Dags:BackfillConcurrency"] = "4",
    };

    public static Command Create()
    {
        var lake = CommonOptions.Lake();
        var output = new Option<string>("--out") { Description = "Where the HTML report goes", DefaultValueFactory = _ => "report" };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic week", DefaultValueFactory = _ => new SyntheticWeekOptions().Seed };
        var days = new Option<int>("--days") { Description = "Days in the synthetic week", DefaultValueFactory = _ => 7 };
        var postsPerDay = new Option<int>("--posts-per-day") { Description = "Average posts about tracked shows per day", DefaultValueFactory = _ => 3000 };
        var start = new Option<string?>("--start") { Description = "First date of the week (yyyy-MM-dd; default: the week ending two days ago)" };
        var top = new Option<int>("--top") { Description = "Shows per ranking in the report", DefaultValueFactory = _ => 15 };
        var command = new Command("demo", "Generate a synthetic week, stream it into the lake, run both DAGs for every day and write the report") { lake, output, seed, days, postsPerDay, start, top };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dayCount = parse.GetValue(days);
            var first = parse.GetValue(start) is { } text
                ? LakeLayout.ParseIsoDate(text)
                : DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - dayCount);
            var week = new SyntheticWeekOptions { Seed = parse.GetValue(seed), Start = first, Days = dayCount, PostsPerDay = parse.GetValue(postsPerDay) };
            var work = Path.Combine(Path.GetTempPath(), "trendingtv-demo-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                using var host = await CliHost.StartAsync(CliHost.LakeOverride(parse.GetValue(lake)), withPipeline: true, Defaults, cancellationToken);
                var lakeRoot = host.Services.GetService(typeof(TrendingTv.DataLake.Storage.IObjectStore)) is TrendingTv.DataLake.Storage.IObjectStore store ? store.Root.ToString() : "?";
                AnsiConsole.MarkupLineInterpolated($"[bold]TrendingTv demo[/]: {week.Days} synthetic days from {LakeLayout.Iso(first)} into {lakeRoot}");
                var started = TimeProvider.System.GetTimestamp();
                var result = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(context => new DemoPipeline(host.Services, week, work, parse.GetValue(top)).RunAsync(context, cancellationToken));

                AnsiConsole.MarkupLineInterpolated(
                    $"Posts: {result.Week.PostLines:N0} lines replayed, {result.Capture.Inserted:N0} captured ({result.Capture.Duplicates:N0} duplicates dropped), {result.PostsUploaded:N0} uploaded in {result.HoursUploaded} hourly files.");
                if (result.Runs.Any(r => !r.Succeeded))
                {
                    DagRunner.Print(AnsiConsole.Console, result.Runs);
                }
                else
                {
                    AnsiConsole.MarkupLineInterpolated($"DAG runs: {result.Runs.Count} succeeded ({result.Runs.Count / 2} days × tweet, tmdb).");
                }

                ConsoleReportWriter.Write(AnsiConsole.Console, result.Report);
                foreach (var (spike, rank) in DemoPipeline.SpikeRanks(result))
                {
                    AnsiConsole.MarkupLine(rank == 1
                        ? $"[green]✓[/] injected spike {Markup.Escape(DemoPipeline.Describe(spike))} tops the trending list of its day"
                        : $"[red]✗[/] injected spike {Markup.Escape(DemoPipeline.Describe(spike))} is {(rank is null ? "not listed" : "rank " + rank.Value.ToString(CultureInfo.InvariantCulture))} on its day");
                }

                var page = await ReportRunner.WriteAsync(result.Report, "html", parse.GetValue(output), AnsiConsole.Console, cancellationToken);
                AnsiConsole.MarkupLine("[grey]Stages: " + Markup.Escape(string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Elapsed.TotalSeconds:0.0} s")))) + "[/]");
                AnsiConsole.MarkupLineInterpolated($"Done in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s. Open {Path.GetFullPath(page!)}");
                return result.Runs.All(r => r.Succeeded) ? 0 : 1;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }
}
