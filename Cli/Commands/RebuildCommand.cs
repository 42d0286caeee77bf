using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using TrendingTv.Cli.Application;
using TrendingTv.Cli.Configuration;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// <c>trendingtv rebuild --from yyyy-MM-dd --to yyyy-MM-dd [--source x|bluesky|all] [--lake ROOT] [--force]</c>:
/// regenerates the stale canonical hours of a range from their raw hours (docs/canonical-records.md), with a
/// progress bar and a summary. Exit codes: 0 done, 1 an hour failed, 2 bad usage or configuration, 130/143
/// interrupted (each hour is replaced whole or not at all, so running the command again finishes the work).
/// </summary>
public static class RebuildCommand
{

    public static Command Create()
    {
        var from = CommonOptions.Date("--from", "First date to rebuild");
        var to = CommonOptions.Date("--to", "Last date to rebuild");
        var source = new Option<string>("--source") { Description = "x, bluesky or all", DefaultValueFactory = _ => "all" };
        source.AcceptOnlyFromAmong(["all", .. PostSources.All]);
        var force = new Option<bool>("--force") { Description = "Rebuild every hour that has a raw hour, even when it is current" };
        var lake = CommonOptions.Lake();
        var command = new Command("rebuild", "Regenerate the canonical post hours of a date range from their raw hours (the stale ones, or all with --force)")
        {
            from, to, source, force, lake,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var range = DateRange.Check(parse.GetValue(from), parse.GetValue(to), allowLong: true);

            // Ctrl-C and SIGTERM cancel the token (CliApplication): each hour is replaced whole or not at all,
            // so an interrupted rebuild exits 130/143 and running the command again finishes the work.
            return RunAsync(parse.GetValue(lake), parse.GetValue(source)!, range.From, range.To, parse.GetValue(force), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string? lake, string source, DateOnly from, DateOnly to, bool force, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(CliHost.LakeOverride(lake), withPipeline: true, cancellationToken: cancellationToken);
        var rebuilder = host.Services.GetRequiredService<CanonicalRebuilder>();
        var root = host.Services.GetRequiredService<IObjectStore>().Root;
        var sources = source == "all" ? rebuilder.Sources : [source];
        foreach (var missing in (source == "all" ? PostSources.All : sources).Where(s => !rebuilder.Sources.Contains(s)))
        {
            if (source != "all")
            {
                throw new UsageException($"This build cannot rebuild source '{missing}': it has no normaliser for it.");
            }

            AnsiConsole.MarkupLineInterpolated($"[grey]{missing}: this build has no normaliser for it; skipped.[/]");
        }

        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Rebuild[/] of {string.Join(", ", sources)} canonical hours, {LakeLayout.Iso(from)} to {LakeLayout.Iso(to)}{(force ? " (forced)" : "")}, in {root}");
        RebuildSummary summary;
        try
        {
            summary = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(context => RebuildWithProgressAsync(context, rebuilder, sources, from, to, force, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OptionsValidationException)
        {
            throw new InvalidOperationException($"The rebuild could not run against {root}: {e.Message}", e);
        }

        PrintSummary(summary);
        return summary.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<RebuildSummary> RebuildWithProgressAsync(
        ProgressContext context, CanonicalRebuilder rebuilder, IReadOnlyList<string> sources, DateOnly from, DateOnly to, bool force, CancellationToken cancellationToken)
    {
        var task = context.AddTask("Checking the hours", maxValue: 1);
        var progress = new SynchronousProgress(p =>
        {
            task.MaxValue = Math.Max(1, p.BytesTotal);
            task.Value = p.BytesDone;
            task.Description = p.HoursDone == p.HoursToRebuild
                ? string.Create(CultureInfo.InvariantCulture, $"{p.HoursToRebuild} hours rebuilt")
                : string.Create(CultureInfo.InvariantCulture, $"Rebuilding {p.Source} {p.Hour:yyyy-MM-dd HH}:00 ({p.HoursDone + 1}/{p.HoursToRebuild})");
        });
        var summary = await rebuilder.RebuildRangeAsync(sources, from, to, force, progress, cancellationToken);
        task.Value = task.MaxValue;
        return summary;
    }

    private static void PrintSummary(RebuildSummary summary)
    {
        var table = new Table().AddColumn("Hours").AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("checked", N(summary.HoursChecked));
        table.AddRow("rebuilt", N(summary.Rebuilt.Count));
        table.AddRow("skipped as current", N(summary.SkippedAsCurrent));
        table.AddRow("without a raw hour", N(summary.WithoutRaw));
        if (summary.NewerVersion > 0)
        {
            table.AddRow("left as written by a newer version", N(summary.NewerVersion));
        }

        table.AddRow(summary.Failures.Count > 0 ? "[red]failed[/]" : "failed", N(summary.Failures.Count));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(
            $"Posts written: {summary.Posts:N0}; quarantined lines: {summary.Quarantined:N0}; deleted posts left out: {summary.LeftOut:N0}.");
        foreach (var reason in summary.Rebuilt.GroupBy(r => r.Found).OrderBy(g => g.Key))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]  {reason.Count()} hour(s) {Describe(reason.Key)}[/]");
        }

        foreach (var failure in summary.Failures)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Failed[/] {failure.Source} {failure.Hour:yyyy-MM-dd HH}:00: {failure.Message}");
        }
    }

    private static string Describe(CanonicalHourState state) => state switch
    {
        CanonicalHourState.Missing => "had no canonical file",
        CanonicalHourState.Empty => "had an empty canonical file",
        CanonicalHourState.Unverified => "had no manifest",
        CanonicalHourState.OlderVersion => "were written by an older version",
        CanonicalHourState.RawChanged => "had a newer raw hour",
        CanonicalHourState.CanonicalChanged => "had a canonical file that did not match its manifest",
        CanonicalHourState.DeletesChanged => "had new deletes",
        CanonicalHourState.NewerVersion => "were written by a newer version (forced)",
        _ => "were current (forced)",
    };

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Progress reported on the rebuilding thread, in order.</summary>
    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
