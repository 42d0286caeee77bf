namespace TrendingTv.Cli.Tests.Lake;

/// <summary>One damaged partition is named in a warning and does not break reports or queries of other dates.</summary>
public sealed class DamagedPartitionTests : IDisposable
{
    private const string Day25 = "tweet_stat/year=2020/month=11/day=25/part-00000-385a3db4-7c7a-4425-89af-18f633906056.c000.snappy.parquet";
    private readonly TemporaryDirectory _lake = new();

    public DamagedPartitionTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.ReferenceLake, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_lake.Path, Path.GetRelativePath(RepositoryPaths.ReferenceLake, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _lake.Dispose();

    [Theory]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("garbage")]
    public async Task A_report_over_the_damaged_date_warns_with_the_file_and_reports_the_other_dates(string damage)
    {
        Damage(damage);
        using var output = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["report", "--lake", _lake.Path, "--from", "2020-11-23", "--to", "2020-12-01", "--format", "json", "--out", output.Path]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains($"Warning: skipped {Day25} (2020-11-25), it cannot be read:", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("Warning: tweet_stat has no rows for 1 of the 9 dates: 2020-11-25.", outcome.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output.Path, "report.json")));
    }

    [Theory]
    [InlineData("2020-11-23", "2020-11-24")] // the damaged 11-25 is neither in the range nor in its baseline days
    [InlineData("2020-11-23", "2020-11-23")]
    public async Task A_report_of_dates_that_do_not_need_the_damaged_file_is_clean(string from, string to)
    {
        Damage("truncated");

        var outcome = await CliRun.InProcessAsync(["report", "--lake", _lake.Path, "--from", from, "--to", to, "--format", "json", "--out", _lake.Path + "-out"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("Warning", outcome.Error, StringComparison.Ordinal);
        Directory.Delete(_lake.Path + "-out", recursive: true);
    }

    [Fact]
    public async Task A_query_warns_with_the_file_and_counts_the_other_partitions()
    {
        Damage("garbage");

        var (code, output, error) = await CliProcess.RunAsync(["query", "SELECT count(*) AS n FROM tweet_stat", "--lake", _lake.Path]);

        Assert.Equal(0, code);
        Assert.Contains($"Warning: skipped {Day25}:", error, StringComparison.Ordinal);
        Assert.Contains("1280", output, StringComparison.Ordinal);
    }

    private void Damage(string how)
    {
        var path = Path.Combine(_lake.Path, Day25);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, how switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "empty" => [],
            _ => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 256))],
        });
    }
}
