namespace TrendingTv.Cli.Tests.Application;

/// <summary>
/// A bad option of any command is one line on stderr naming the option, exit code 2, and never a
/// stack trace or an abort (<c>--top abc</c> used to end the process with SIGABRT).
/// </summary>
public sealed class UsageErrorTests
{
    private static readonly string[] Report = ["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-11-23", "--to", "2020-12-01"];

    [Theory]
    [InlineData("--top", "abc")]
    [InlineData("--top", "0")]
    [InlineData("--top", "-3")]
    [InlineData("--top", "1001")]
    [InlineData("--top", "99999999999")]
    [InlineData("--top", "1.5")]
    [InlineData("--top", "")]
    [InlineData("--format", "pdf")]
    [InlineData("--from", "garbage")]
    [InlineData("--from", "2020-13-01")]
    [InlineData("--from", "2020-02-30")]
    [InlineData("--from", "20201123")]
    [InlineData("--to", "10000-01-01")]
    [InlineData("--to", "0000-12-31")]
    [InlineData("--lake", "http://host/lake")]
    [InlineData("--lake", "s3://Bad_Bucket")]
    [InlineData("--lake", "")]
    public async Task A_bad_report_option_is_a_one_line_usage_error_naming_it(string option, string value)
    {
        var outcome = await CliRun.InProcessAsync([.. Report, option, value]);

        AssertUsageError(outcome, option);
    }

    [Theory]
    [InlineData("--days", "abc")]
    [InlineData("--days", "0")]
    [InlineData("--days", "61")]
    [InlineData("--days", "-1")]
    [InlineData("--posts-per-day", "9")]
    [InlineData("--posts-per-day", "1000001")]
    [InlineData("--posts-per-day", "lots")]
    [InlineData("--seed", "abc")]
    [InlineData("--seed", "99999999999")]
    [InlineData("--top", "abc")]
    [InlineData("--top", "0")]
    [InlineData("--start", "2026-02-30")]
    [InlineData("--start", "yesterday")]
    [InlineData("--lake", "ftp://host/lake")]
    public async Task A_bad_demo_option_is_a_one_line_usage_error_naming_it(string option, string value)
    {
        var outcome = await CliRun.InProcessAsync(["demo", option, value]);

        AssertUsageError(outcome, option);
    }

    [Theory]
    [InlineData("--from", "garbage")]
    [InlineData("--to", "2020-11-31")]
    [InlineData("--dataset", "posts")]
    [InlineData("--lake", "s3://x")]
    public async Task A_bad_run_option_is_a_one_line_usage_error_naming_it(string option, string value)
    {
        string[] args = ["run", "--from", "2020-11-23", "--to", "2020-11-24"];

        var outcome = await CliRun.InProcessAsync([.. args, option, value]);

        AssertUsageError(outcome, option);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("query", "SELECT 1", "--lake", "gopher://x")]
    [InlineData("report", "--to", "2020-11-23")]
    [InlineData("report", "--from", "2020-11-23", "--to", "2020-11-24", "--color", "red")]
    [InlineData("demo", "extra-argument")]
    [InlineData("reprot")]
    public async Task Missing_unknown_or_extra_arguments_are_one_line_usage_errors(params string[] args)
    {
        var outcome = await CliRun.InProcessAsync(args);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("Usage error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-12-01", "2020-11-23", "is after --to")]
    [InlineData("0001-01-01", "9999-12-31", "at most 366")]
    [InlineData("9999-12-31", "9999-12-31", "is not over yet")]
    [InlineData("2020-11-23", "9999-12-31", "at most 366")]
    public async Task A_reversed_too_long_or_unfinished_run_range_is_a_usage_error(string from, string to, string why)
    {
        using var lake = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["run", "--lake", lake.Path, "--from", from, "--to", to, "--dataset", "tmdb"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(why, Assert.Single(outcome.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-12-01", "2020-11-23", "is after --to")]
    [InlineData("0001-01-01", "9999-12-31", "at most 366")]
    [InlineData("2020-01-01", "2021-01-01", "at most 366")]
    public async Task A_reversed_or_too_long_report_range_is_a_usage_error(string from, string to, string why)
    {
        var outcome = await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", from, "--to", to]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(why, Assert.Single(outcome.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2006-03-20", "7", "before 2006-03-21")]
    [InlineData("0001-01-01", "7", "before 2006-03-21")]
    [InlineData("9999-12-25", "7", "ends after yesterday")]
    [InlineData("9999-12-31", "1", "ends after yesterday")]
    public async Task A_demo_week_outside_the_documented_dates_is_a_usage_error(string start, string days, string why)
    {
        using var work = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["demo", "--lake", Path.Combine(work.Path, "lake"), "--out", Path.Combine(work.Path, "report"), "--start", start, "--days", days]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(why, Assert.Single(outcome.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "lake")));
    }

    private static void AssertUsageError(CliOutcome outcome, string option)
    {
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith("Usage error: ", line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }
}
