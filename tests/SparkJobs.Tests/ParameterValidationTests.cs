using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Jobs;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>Values are checked before they reach SQL text: a bad one is a clear error, never SQL.</summary>
public sealed class ParameterValidationTests
{
    [Theory]
    [InlineData("/tmp/lake'; DROP TABLE x; --")]
    [InlineData("/tmp/lake\"x")]
    [InlineData("/tmp/lake/${run_date}")]
    public async Task A_work_folder_that_could_break_out_of_a_sql_literal_is_refused(string work)
    {
        using var lake = TestLake.CopyOf("conformance-lake");
        var runner = new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { WorkDirectory = work });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23)));

        Assert.Contains("work directory", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake.PathOf("tweet_stat")));
    }

    [Fact]
    public async Task A_local_lake_whose_path_holds_a_quote_is_refused_before_any_sql()
    {
        var root = Path.Combine(Path.GetTempPath(), $"sparkjobs-o'brien-{Guid.NewGuid():N}");
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        try
        {
            var runner = new LocalEtlRunner(new LocalDirectoryStore(LakeUri.Local(root)), NullLogger<LocalEtlRunner>.Instance);

            var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23)));

            Assert.Contains("o'brien", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("2020-11-23", true)]
    [InlineData("2020-11-23'; --", false)]
    [InlineData("23/11/2020", false)]
    [InlineData("2020-02-30", false)]
    public void Dates_are_strict_iso_text(string text, bool valid)
    {
        if (valid)
        {
            Assert.Equal(text, JobParameters.IsoDate(LakeLayout.ParseIsoDate(text)));
        }
        else
        {
            var error = Assert.Throws<FormatException>(() => LakeLayout.ParseIsoDate(text));
            Assert.Contains(text, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/absolute")]
    [InlineData("tweets/a'b.jsonl")]
    public void Keys_are_checked_before_they_are_quoted(string key) =>
        Assert.Throws<ArgumentException>(() => JobParameters.Key(key));

    [Fact]
    public void Run_ids_match_the_dag_instance_ids() =>
        Assert.Equal(["tweet-2020-11-23", "tmdb-2020-01-05"], [JobParameters.RunId(Dataset.Tweet, new DateOnly(2020, 11, 23)), JobParameters.RunId(Dataset.Tmdb, new DateOnly(2020, 1, 5))]);
}
