using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TrendingTv.Cli.Commands;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Demo;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Cli.Tests.Demo;

public class DemoPipelineTests
{
    [Fact]
    public async Task A_small_demo_streams_both_sources_into_the_lake_runs_every_dag_and_the_spike_tops_its_day()
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, "lake");
        var week = new SyntheticWeekOptions { Seed = 11, Start = new DateOnly(2026, 3, 2), Days = 4, PostsPerDay = 500, Spikes = [(3, 6)] };
        using var host = await CliHost.StartAsync(new Dictionary<string, string?> { ["Lake:Root"] = lake }, withPipeline: true, DemoCommand.Defaults);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        Directory.CreateDirectory(Path.Combine(work.Path, "scratch"));

        var result = await console.Progress().StartAsync(context => new DemoPipeline(host.Services, week, Path.Combine(work.Path, "scratch"), top: 5).RunAsync(context));

        Assert.Equal(8, result.Runs.Count);
        Assert.All(result.Runs, r => Assert.True(r.Succeeded, r.FailureMessage));
        Assert.Equal(result.Capture.Inserted, result.PostsUploadedBySource["x"]);
        Assert.NotNull(result.BlueskyCapture);
        Assert.True(result.BlueskyCapture.Inserted > 0, "no Bluesky post was kept from the stand-in's events");
        Assert.Equal(result.BlueskyCapture.Inserted, result.PostsUploadedBySource["bluesky"]);
        Assert.Equal(["bluesky", "x"], result.Report.Sources.Order(StringComparer.Ordinal));
        Assert.True(result.Report.ByTweets.Sum(t => t.PostsBySource.GetValueOrDefault("bluesky")) > 0, "the report counts no Bluesky post");
        var store = host.Services.GetRequiredService<IObjectStore>();
        Assert.True(await store.ExistsAsync(LakeLayout.RawTmdbDayKey(week.Start)));
        Assert.True(await store.AnyUnderAsync(LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, week.Start.AddDays(3))));
        Assert.False(Directory.Exists(Path.Combine(lake, LocalDirectoryStore.TempFolder)), "the demo left the store's scratch folder in the lake");
        Assert.DoesNotContain(Directory.GetDirectories(lake, "*", SearchOption.AllDirectories), d => !Directory.EnumerateFileSystemEntries(d).Any());
        var (spike, rank) = Assert.Single(DemoPipeline.SpikeRanks(result));
        Assert.Equal(1, rank);
        Assert.Equal(spike.ShowId, result.Report.Trending[3].Shows[0].Id);
    }

    [Fact]
    public async Task A_demo_shorter_than_the_default_spikes_runs_with_the_spikes_that_fall_in_it()
    {
        using var work = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["demo", "--days", "2", "--posts-per-day", "30", "--lake", Path.Combine(work.Path, "lake"), "--out", Path.Combine(work.Path, "report.html")]);

        Assert.Equal(0, outcome.ExitCode);
    }
}
