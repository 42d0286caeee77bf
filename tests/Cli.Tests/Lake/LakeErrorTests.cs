namespace TrendingTv.Cli.Tests.Lake;

/// <summary>
/// A lake that is not there, is a file or holds no tables is an error naming it (it used to read as an
/// empty lake: exit 0 with empty tables, <c>query</c> counting 0); a range without data says so.
/// </summary>
public sealed class LakeErrorTests
{
    public static TheoryData<string[]> Commands => new()
    {
        { ["report", "--from", "2026-11-22", "--to", "2026-11-28"] },
        { ["report", "--from", "2026-11-22", "--to", "2026-11-28", "--format", "json"] },
        { ["query", "SELECT count(*) FROM tweet_stat"] },
        { ["query", "SELECT count(*) FROM tvshows", "--unsafe"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_lake_that_does_not_exist_is_an_error_naming_its_path(string[] command)
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, "no-such-lake");

        var outcome = await CliRun.InProcessAsync([.. command, "--lake", lake]);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines, l => !l.StartsWith("Running", StringComparison.Ordinal));
        Assert.Contains($"The lake {lake} does not exist", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lake));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_lake_that_is_a_file_is_an_error_naming_its_path(string[] command)
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, "lake.tar");
        await File.WriteAllTextAsync(lake, "not a lake");

        var outcome = await CliRun.InProcessAsync([.. command, "--lake", lake]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"The lake {lake} is a file", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_folder_without_tables_is_an_error_naming_its_path(string[] command)
    {
        using var work = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(work.Path, "tweets", "2026", "11", "22"));
        await File.WriteAllTextAsync(Path.Combine(work.Path, "notes.txt"), "x");

        var outcome = await CliRun.InProcessAsync([.. command, "--lake", work.Path]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"The lake {work.Path} holds none of the tables", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-22", "2026-11-28")]
    [InlineData("2020-11-15", "2020-11-22")]
    [InlineData("2020-12-02", "2020-12-02")]
    [InlineData("0001-01-01", "0001-01-07")]
    [InlineData("9999-12-25", "9999-12-31")]
    public async Task A_range_without_data_is_an_error_saying_which_dates_the_lake_has(string from, string to)
    {
        var outcome = await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", from, "--to", to]);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.Contains($"has no data from {from} to {to}: it has 9 date(s) from 2020-11-23 to 2020-12-01", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-11-20", "2020-11-24", "3 of the 5 dates: 2020-11-20, 2020-11-21, 2020-11-22")]
    [InlineData("2020-11-30", "2020-12-03", "2 of the 4 dates: 2020-12-02, 2020-12-03")]
    public async Task A_range_partly_without_data_is_reported_with_a_warning_naming_the_dates(string from, string to, string dates)
    {
        using var output = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", from, "--to", to, "--format", "json", "--out", output.Path]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains($"Warning: tweet_stat has no rows for {dates}.", outcome.Error, StringComparison.Ordinal);
    }
}
