using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parquet.Serialization;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.Activities.Tests.Engines;

/// <summary>The DAG's activities wired as the host wires them (Engine:Kind=local) over a small local lake, DuckDB included.</summary>
public sealed class LocalEngineEndToEndTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task The_activities_check_raw_data_stage_the_job_in_the_background_pass_the_processed_check_and_publish()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.Store.PutTextAsync(LakeLayout.RawTweetHourKey(Hour(Day, 10)), "{\"data\":{}}\n");
        await PutPostsAsync(Hour(Day, 10),
            Post(1, Day, "Watching The Mandalorian tonight", "TheMandalorian"),
            Post(2, Day, "so good", "TheMandalorian"),
            Post(3, Day, "The Queen’s Gambit is great!"),
            Post(1, Day, "Watching The Mandalorian tonight", "TheMandalorian"));
        await PutPostsAsync(Hour(Day.AddDays(1), 0),
            Post(5, Day, "late post", "QueensGambit"),
            Post(6, Day.AddDays(1), "next day: The Mandalorian", "Mandalorian"));
        await using var services = Services();
        var request = new RunRequest(Dataset.Tweet, Day);

        var raw = await services.GetRequiredService<CheckRawDataActivity>().RunAsync(request);
        var jobId = await services.GetRequiredService<SubmitJobActivity>().RunAsync(request);
        var sameJob = await services.GetRequiredService<SubmitJobActivity>().RunAsync(request);
        var engine = Assert.IsType<LocalEngine>(services.GetRequiredService<IEtlEngine>());
        await engine.WaitForCompletionAsync(jobId);
        var status = await services.GetRequiredService<GetJobStatusActivity>().RunAsync(jobId);
        var report = await services.GetRequiredService<CheckProcessedDataActivity>().RunAsync(request);
        var stagedOnly = await ReadTweetStatAsync();
        var published = await services.GetRequiredService<PublishOutputsActivity>().RunAsync(request);

        Assert.Empty(stagedOnly); // the job wrote aside; only the publish step touches the table
        Assert.Equal("tweet-2020-11-23", published.RunId);
        Assert.Equal(
            [
                "post_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", "post_stat/year=2020/month=11/day=23/_SUCCESS",
                "tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", "tweet_stat/year=2020/month=11/day=23/_SUCCESS",
            ],
            published.KeysWritten);
        Assert.False(Directory.Exists(Path.Combine(_lake.Directory, "jobs")), "the staging folder is removed after publishing");
        Assert.Equal(1, raw.ObjectCount);
        Assert.Equal("tweet-2020-11-23.1", jobId);
        Assert.Equal(jobId, sameJob);
        Assert.True(status.State == EtlJobState.Succeeded, status.FailureReason);
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(3, report.RowCount);

        var counts = await ReadTweetStatAsync();
        Assert.Equal((2L, 1L, 2L), counts[82856]);
        Assert.Equal((1L, 1L, 2L), counts[87739]);
        Assert.Equal((0L, 0L, 0L), counts[1402]);
    }

    [Fact]
    public async Task A_job_without_its_input_fails_with_the_runners_reason()
    {
        await using var services = Services();

        var jobId = await services.GetRequiredService<SubmitJobActivity>().RunAsync(new RunRequest(Dataset.Tmdb, Day));
        var engine = (LocalEngine)services.GetRequiredService<IEtlEngine>();
        var status = await engine.WaitForCompletionAsync(jobId);

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Contains("2020-11-23", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains("does not exist", status.FailureReason, StringComparison.Ordinal);
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lake:Root"] = _lake.Directory,
            ["Engine:Kind"] = "local",
            ["Engine:Local:Threads"] = "1",
            ["Engine:Local:WorkDirectory"] = Path.Combine(_lake.Directory, ".work"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDataLake();
        services.AddEtlActivities();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private async Task<Dictionary<long, (long Hashtag, long Text, long Tweet)>> ReadTweetStatAsync()
    {
        var result = new Dictionary<long, (long, long, long)>();
        await foreach (var file in _lake.Store.ListAsync(LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, Day)))
        {
            if (!file.Key.EndsWith(".parquet", StringComparison.Ordinal))
            {
                continue;
            }

            await using var stream = File.OpenRead(_lake.Store.Root.LocalPathOf(file.Key));
            var rows = await ParquetSerializer.DeserializeUntypedAsync(stream, null, null, CancellationToken.None);
            foreach (var row in rows.Data)
            {
                result[Convert.ToInt64(row["id"], System.Globalization.CultureInfo.InvariantCulture)] = (
                    Convert.ToInt64(row["hashtag_count"], System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(row["text_count"], System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(row["tweet_count"], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result;
    }

    private Task PutPostsAsync(DateTimeOffset hour, params string[] lines) =>
        _lake.Store.PutTextAsync(LakeLayout.CanonicalTweetHourKey(hour), string.Join("\n", lines) + "\n");

    private static DateTimeOffset Hour(DateOnly day, int hour) => new(day.Year, day.Month, day.Day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>A canonical record (docs/canonical-records.md) as the streamer writes it.</summary>
    private static string Post(long id, DateOnly date, string text, params string[] hashtags) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = id,
        ["created_at"] = $"{LakeLayout.Iso(date)}T10:00:00Z",
        ["date"] = LakeLayout.Iso(date),
        ["lang"] = "en",
        ["text"] = text,
        ["text_key"] = MatchKeys.TextKey(text),
        ["hashtags"] = hashtags.Select(MatchKeys.HashtagKey).ToArray(),
        ["format"] = "v2",
    });
}
