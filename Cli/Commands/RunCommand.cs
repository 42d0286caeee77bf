using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Serve;
using TrendingTv.Dags.Backfill;
using TrendingTv.Dags.Options;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// <c>trendingtv run --from --to [--dataset tweet|tmdb|all] [--lake PATH] [--durable [--state DIR]] [--allow-long-range]</c>:
/// the DAGs for a range against the configured lake and engine. At most 366 days at once (the backfill's cap)
/// unless <c>--allow-long-range</c>. With <c>--durable</c> the runs' state is kept in Azure Storage (a local
/// Azurite under the state folder unless <c>Durable:StorageConnectionString</c> is set): the same command
/// after a crash or Ctrl-C continues the runs in flight instead of starting them again.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var from = CommonOptions.Date("--from", "First date to run");
        var to = CommonOptions.Date("--to", "Last date to run");
        var dataset = new Option<string>("--dataset") { Description = "tweet, tmdb or all", DefaultValueFactory = _ => "all" };
        dataset.AcceptOnlyFromAmong("tweet", "tmdb", "all");
        var lake = CommonOptions.Lake();
        var durable = new Option<bool>("--durable")
        {
            Description = "Keep the runs' state in Azure Storage (local Azurite by default): running the same command again after a crash continues the runs in flight",
        };
        var state = StateOption();
        var allowLongRange = new Option<bool>("--allow-long-range") { Description = $"Run more than {BackfillRequestValidator.MaxDays} days at once" };
        var command = new Command("run", "Run the DAGs (raw check, ETL job, sensor, processed check) for every date of a range on the embedded durable host")
        {
            from, to, dataset, lake, durable, state, allowLongRange,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var range = DateRange.CheckRunnable(parse.GetValue(from), parse.GetValue(to), parse.GetValue(allowLongRange), TimeProvider.System);
            var datasets = parse.GetValue(dataset) switch
            {
                "tweet" => [Dataset.Tweet],
                "tmdb" => [Dataset.Tmdb],
                _ => DatasetNames.All,
            };
            return parse.GetValue(durable)
                ? await RunDurableAsync(parse.GetValue(lake), parse.GetValue(state), range.From, range.To, datasets, cancellationToken)
                : await RunInMemoryAsync(parse.GetValue(lake), range.From, range.To, datasets, cancellationToken);
        });
        return command;
    }

    /// <summary><c>--state DIR</c>: the folder of a durable command's state (default: setting <c>StateDirectory</c>, else <c>./trendingtv-state</c>).</summary>
    internal static Option<string?> StateOption() => new("--state")
    {
        Description = $"State folder (local Azurite data, job journal; default: setting StateDirectory, else ./{StateFolder.DefaultPath})",
    };

    private static async Task<int> RunInMemoryAsync(string? lake, DateOnly from, DateOnly to, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(CliHost.LakeOverride(lake), withPipeline: true, cancellationToken: cancellationToken);
        var results = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => DagRunner.RunAsync(host.Services, from, to, datasets, context, cancellationToken));
        DagRunner.Print(AnsiConsole.Console, results);
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    private static async Task<int> RunDurableAsync(string? lake, string? statePath, DateOnly from, DateOnly to, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
    {
        var overrides = CliHost.LakeOverride(lake);
        overrides[$"{DurableBackendOptions.SectionName}:{nameof(DurableBackendOptions.Backend)}"] = nameof(DurableBackend.AzureStorage);
        using var state = StateFolder.Lock(statePath ?? CliHost.Setting("StateDirectory") ?? StateFolder.DefaultPath);
        using var host = await CliHost.StartAsync(overrides, withPipeline: true, cancellationToken: cancellationToken, localJobJournal: state.LocalJobJournal);
        await using var session = await DurableSession.StartAsync(host.Services.GetRequiredService<IOptions<DurableBackendOptions>>().Value, state, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"DAG state: {session.Description}");
        try
        {
            var results = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(context => DagRunner.RunAsync(host.Services, from, to, datasets, context, cancellationToken, session.Backend));
            DagRunner.Print(AnsiConsole.Console, results);
            return results.All(r => r.Succeeded) ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Stopped; the runs in flight are kept: run the same command again to continue them.");
            throw;
        }
    }
}
