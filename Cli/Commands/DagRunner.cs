using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// Runs the DAGs of a date range on the embedded durable host (in memory, or on a durable backend where a
/// second call after a crash continues the runs in flight), with a progress bar, and prints each run's outcome.
/// </summary>
internal static class DagRunner
{
    public static async Task<IReadOnlyList<DagRunResult>> RunAsync(
        IServiceProvider services,
        DateOnly from,
        DateOnly to,
        IReadOnlyList<Dataset> datasets,
        ProgressContext progress,
        CancellationToken cancellationToken,
        DurableBackendOptions? backend = null)
    {
        var options = services.GetRequiredService<IOptions<DagOptions>>().Value;
        await using var dags = await EmbeddedDagHost.StartAsync(
            services, options, backend ?? new DurableBackendOptions(), services.GetRequiredService<ILoggerFactory>(), cancellationToken);
        var total = (to.DayNumber - from.DayNumber + 1) * datasets.Count;
        var task = progress.AddTask($"DAG runs (0/{total})", maxValue: total);
        var updates = new Progress<DagRunUpdate>(update =>
        {
            task.Value = update.Finished;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"DAG runs ({update.Finished}/{update.Total}) {Markup.Escape(update.RunId)}: {update.State}{(update.Step is null ? "" : " " + Markup.Escape(update.Step))}");
        });
        var results = await dags.RunRangeAsync(from, to, datasets, Math.Max(1, options.BackfillConcurrency), updates, cancellationToken);
        task.Value = total;
        task.Description = string.Create(CultureInfo.InvariantCulture, $"DAG runs ({results.Count(r => r.Succeeded)}/{total} succeeded)");
        return results;
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<DagRunResult> results)
    {
        var table = new Table().AddColumn("Run").AddColumn("State").AddColumn(new TableColumn("Rows").RightAligned()).AddColumn("Took").AddColumn("Failure");
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(result.RunId),
                result.Succeeded ? "[green]succeeded[/]" : $"[red]{result.State}[/]",
                result.Summary is null ? "" : result.Summary.ProcessedRows.ToString(CultureInfo.InvariantCulture),
                result.Elapsed is { } elapsed ? elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture) : "",
                Markup.Escape(result.FailureMessage ?? ""));
        }

        console.Write(table);
    }
}
