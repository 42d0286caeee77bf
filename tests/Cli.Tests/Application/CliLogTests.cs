using TrendingTv.Cli.Application;

namespace TrendingTv.Cli.Tests.Application;

/// <summary>The log file an error message names is the one its details were written to, also after the log rolled over.</summary>
public sealed class CliLogTests
{
    [Fact]
    public void Before_any_roll_over_the_current_file_is_the_configured_path()
    {
        using var work = new TemporaryDirectory();
        var path = Path.Combine(work.Path, "trendingtv.log");

        Assert.Equal(path, CliLog.CurrentFile(path));

        File.WriteAllText(path, "line\n");
        File.WriteAllText(Path.Combine(work.Path, "trendingtv_old.log"), "not a rolled file\n");
        File.WriteAllText(Path.Combine(work.Path, "trendingtv-other_001.log"), "another log\n");
        Assert.Equal(path, CliLog.CurrentFile(path));
    }

    [Fact]
    public async Task After_roll_overs_the_current_file_holds_the_latest_entry()
    {
        using var work = new TemporaryDirectory();
        var path = Path.Combine(work.Path, "trendingtv.log");
        using (var logger = CliLog.CreateLogger(path, rollOverBytes: 4_096))
        {
            for (var i = 0; i < 200; i++)
            {
                logger.Information("entry {Number} {Padding}", i, new string('x', 60));
            }

            logger.Error("the details of the last failure");
        }

        var current = CliLog.CurrentFile(path);

        Assert.NotEqual(path, current);
        Assert.Matches(@"trendingtv_\d{3}\.log$", current);
        Assert.Contains("the details of the last failure", await File.ReadAllTextAsync(current), StringComparison.Ordinal);
        Assert.DoesNotContain("the details of the last failure", File.Exists(path) ? await File.ReadAllTextAsync(path) : "", StringComparison.Ordinal);
    }

    [Fact]
    public void The_rolled_file_with_the_highest_sequence_is_current_past_999()
    {
        using var work = new TemporaryDirectory();
        var path = Path.Combine(work.Path, "trendingtv.log");
        foreach (var name in new[] { "trendingtv.log", "trendingtv_998.log", "trendingtv_999.log", "trendingtv_1000.log" })
        {
            File.WriteAllText(Path.Combine(work.Path, name), "line\n");
        }

        Assert.Equal(Path.Combine(work.Path, "trendingtv_1000.log"), CliLog.CurrentFile(path));
    }
}
