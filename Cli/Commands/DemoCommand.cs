using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TrendingTv.Cli.Application;
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

    /// <summary>The earliest first date of a synthetic week: the day the first post on X (then Twitter) was sent.</summary>
    public static readonly DateOnly FirstStart = new(2006, 3, 21);

    public static Command Create()
    {
        var lake = CommonOptions.Lake();
        var output = new Option<string>("--out") { Description = "Where the HTML report goes", DefaultValueFactory = _ => "report" };
        var seed = CommonOptions.WholeNumber("--seed", "Seed of the synthetic week", new SyntheticWeekOptions().Seed);
        var days = CommonOptions.WholeNumber("--days", "Days in the synthetic week", 7, SyntheticWeekOptions.MinDays, SyntheticWeekOptions.MaxDays);
        var postsPerDay = CommonOptions.WholeNumber(
            "--posts-per-day", "Average posts about tracked shows per day", 3000, SyntheticWeekOptions.MinPostsPerDay, SyntheticWeekOptions.MaxPostsPerDay);
        var start = CommonOptions.OptionalDate(
            "--start", $"First date of the week (yyyy-MM-dd, from {LakeLayout.Iso(FirstStart)}; the week must end by yesterday; default: the week ending two days ago)");
        var top = CommonOptions.WholeNumber("--top", "Shows per ranking in the report", 15, 1, ReportCommand.MaxTop);
        var command = new Command("demo", "Generate a synthetic week, stream it into the lake, run both DAGs for every day and write the report") { lake, output, seed, days, postsPerDay, start, top };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dayCount = parse.GetValue(days);
            var first = parse.GetValue(start) ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - dayCount);
            CheckWeek(first, dayCount, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));
            ReportOutput.Prepare("--out", parse.GetValue(output)!);
            var week = new SyntheticWeekOptions { Seed = parse.GetValue(seed), Start = first, Days = dayCount, PostsPerDay = parse.GetValue(postsPerDay) };
            week.Spikes = [.. week.Spikes.Where(spike => spike.Day < dayCount)]; // a short week keeps the spikes that fall in it
            return await RunAsync(CliHost.LakeOverride(parse.GetValue(lake)), week, parse.GetValue(output)!, parse.GetValue(top), cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the demo pipeline in a scratch folder, prints what it did and writes the HTML report; 1 if a DAG run failed.</summary>
    private static async Task<int> RunAsync(
        Dictionary<string, string?> lakeOverride, SyntheticWeekOptions week, string output, int top, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "trendingtv-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            using var host = await CliHost.StartAsync(lakeOverride, withPipeline: true, Defaults, cancellationToken);
            var lakeRoot = host.Services.GetService(typeof(TrendingTv.DataLake.Storage.IObjectStore)) is TrendingTv.DataLake.Storage.IObjectStore store ? store.Root.ToString() : "?";
            AnsiConsole.MarkupLineInterpolated($"[bold]TrendingTv demo[/]: {week.Days} synthetic days from {LakeLayout.Iso(week.Start)} into {lakeRoot}");
            var started = TimeProvider.System.GetTimestamp();
            var result = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(context => new DemoPipeline(host.Services, week, work, top).RunAsync(context, cancellationToken));

            PrintCapture(result);
            PrintRuns(result);
            ConsoleReportWriter.Write(AnsiConsole.Console, result.Report);
            PrintSpikeRanks(result);
            var page = await ReportRunner.WriteAsync(result.Report, "html", output, AnsiConsole.Console, cancellationToken);
            AnsiConsole.MarkupLine("[grey]Stages: " + Markup.Escape(string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Elapsed.TotalSeconds:0.0} s")))) + "[/]");
            AnsiConsole.MarkupLineInterpolated($"Done in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s. Open {Path.GetFullPath(page!)}");
            return result.Runs.All(r => r.Succeeded) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void PrintRuns(DemoResult result)
    {
        if (result.Runs.Any(r => !r.Succeeded))
        {
            DagRunner.Print(AnsiConsole.Console, result.Runs);
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"DAG runs: {result.Runs.Count} succeeded ({result.Runs.Count / 2} days × tweet, tmdb).");
        }
    }

    /// <summary>Whether each injected spike tops the trending list of its day.</summary>
    private static void PrintSpikeRanks(DemoResult result)
    {
        foreach (var (spike, rank) in DemoPipeline.SpikeRanks(result))
        {
            AnsiConsole.MarkupLine(rank == 1
                ? $"[green]✓[/] injected spike {Markup.Escape(DemoPipeline.Describe(spike))} tops the trending list of its day"
                : $"[red]✗[/] injected spike {Markup.Escape(DemoPipeline.Describe(spike))} is {(rank is null ? "not listed" : "rank " + rank.Value.ToString(CultureInfo.InvariantCulture))} on its day");
        }
    }

    private static void PrintCapture(DemoResult result)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"X: {result.Week.PostLines:N0} lines replayed, {result.Capture.Inserted:N0} posts captured ({result.Capture.Duplicates:N0} duplicates dropped).");
        if (result.BlueskyCapture is { } bluesky)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"Bluesky: {result.Week.BlueskyEventLines:N0} Jetstream events streamed from a loopback stand-in, {bluesky.Inserted:N0} posts and reposts kept.");
        }

        var bySource = string.Join(", ", result.PostsUploadedBySource.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
        AnsiConsole.MarkupLineInterpolated($"Uploaded {result.PostsUploaded:N0} posts ({bySource}) in {result.HoursUploaded} hourly files.");
    }

    /// <summary>The week must start on or after <see cref="FirstStart"/> and end by <paramref name="yesterday"/> (the DAGs run only days that are over).</summary>
    /// <exception cref="UsageException">The week is out of that range.</exception>
    internal static void CheckWeek(DateOnly first, int days, DateOnly yesterday)
    {
        if (first < FirstStart)
        {
            throw new UsageException($"--start {LakeLayout.Iso(first)} is before {LakeLayout.Iso(FirstStart)}, the first day posts exist.");
        }

        if (first.DayNumber + days - 1 > yesterday.DayNumber)
        {
            throw new UsageException(
                $"A {days}-day week from --start {LakeLayout.Iso(first)} ends after yesterday ({LakeLayout.Iso(yesterday)}, UTC); only days that are over can be run.");
        }
    }
}
