using System.Text.Json;
using TrendingTv.Cli.Reports;

namespace TrendingTv.Cli.Tests.Reports;

/// <summary>The JSON report escapes only what JSON requires ("Grey's Anatomy" used to come out as "Grey\u0027s Anatomy").</summary>
public sealed class JsonEscapingTests
{
    [Theory]
    [InlineData("Grey's Anatomy")]
    [InlineData("Apple TV+")]
    [InlineData("Law & Order <SVU>")]
    [InlineData("Pokémon – 日本 😀")]
    [InlineData("line\u2028separator and del\u007f")]
    public void Names_are_written_as_they_are_and_read_back_the_same(string name)
    {
        var json = JsonReportWriter.ToJson(Report(name));

        Assert.Contains($"\"name\": \"{name}\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("byTweets")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("new\nline", "new\\nline")]
    [InlineData("bell\u0007", "bell\\u0007")]
    public void Quotes_backslashes_and_control_characters_are_escaped(string name, string escaped)
    {
        var json = JsonReportWriter.ToJson(Report(name));

        Assert.Contains($"\"name\": \"{escaped}\"", json, StringComparison.Ordinal);
        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("byTweets")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_report_command_writes_the_reference_lake_names_unescaped()
    {
        using var output = new TemporaryDirectory();

        var outcome = await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-11-23", "--to", "2020-12-01", "--top", "160", "--format", "json", "--out", output.Path]);

        Assert.Equal(0, outcome.ExitCode);
        var json = await File.ReadAllTextAsync(Path.Combine(output.Path, "report.json"));
        Assert.Contains("\"name\": \"Grey's Anatomy\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Contains("Grey's Anatomy", document.RootElement.GetProperty("byTweets").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    private static TrendingReport Report(string name) =>
        new ReportBuilder(new TrendingOptions()).Build(
            new ReportInput([new DailyShowCount(1, new DateOnly(2026, 11, 22), 5, 5, 5)], [], new Dictionary<long, string> { [1] = name }),
            new DateOnly(2026, 11, 22),
            new DateOnly(2026, 11, 22),
            top: 1);
}
