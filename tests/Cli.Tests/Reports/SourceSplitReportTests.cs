using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Spectre.Console;
using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Tests.Reports;

/// <summary>
/// Each show's posts split by source in every report format. The mixed lake is written here with DuckDB: tweet_stat
/// for 2020-11-23..25, post_stat for 24 and 25 only (the 23rd as a lake written before post_stat existed).
/// </summary>
public sealed class SourceSplitReportTests : IDisposable
{
    private static readonly DateOnly From = new(2020, 11, 23);
    private static readonly DateOnly To = new(2020, 11, 25);
    private readonly TemporaryDirectory _lake = new();

    public SourceSplitReportTests()
    {
        // Show 82856: 10 X posts on the 23rd (no post_stat), 4 X + 6 Bluesky on the 24th, 5 Bluesky on the 25th.
        // Show 1402: 3 X posts on the 24th only.
        WriteParquet("tweet_stat", From, "id, date, hashtag_count, text_count, tweet_count", "(82856, DATE '2020-11-23', 10, 0, 10), (1402, DATE '2020-11-23', 0, 0, 0)");
        WriteParquet("tweet_stat", From.AddDays(1), "id, date, hashtag_count, text_count, tweet_count", "(82856, DATE '2020-11-24', 7, 5, 10), (1402, DATE '2020-11-24', 3, 0, 3)");
        WriteParquet("tweet_stat", From.AddDays(2), "id, date, hashtag_count, text_count, tweet_count", "(82856, DATE '2020-11-25', 5, 0, 5), (1402, DATE '2020-11-25', 0, 0, 0)");
        WriteParquet(
            "post_stat",
            From.AddDays(1),
            "id, date, source, hashtag_count, text_count, post_count",
            "(82856, DATE '2020-11-24', 'x', 4, 0, 4), (82856, DATE '2020-11-24', 'bluesky', 3, 5, 6), (1402, DATE '2020-11-24', 'x', 3, 0, 3), (1402, DATE '2020-11-24', 'bluesky', 0, 0, 0)");
        WriteParquet(
            "post_stat",
            From.AddDays(2),
            "id, date, source, hashtag_count, text_count, post_count",
            "(82856, DATE '2020-11-25', 'bluesky', 5, 0, 5), (1402, DATE '2020-11-25', 'bluesky', 0, 0, 0)");
    }

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Each_shows_posts_are_split_by_source_and_dates_without_post_stat_count_as_x()
    {
        var report = await BuildAsync();

        Assert.Equal(["x", "bluesky"], report.Sources);
        var first = report.ByTweets[0];
        Assert.Equal((82856L, 25L), (first.Id, first.TweetCount));
        Assert.Equal(new Dictionary<string, long> { ["x"] = 14, ["bluesky"] = 11 }, first.PostsBySource);
        Assert.Equal(new Dictionary<string, long> { ["x"] = 3, ["bluesky"] = 0 }, report.ByTweets[1].PostsBySource);
        Assert.All(report.ByTweets, t => Assert.Equal(t.TweetCount, t.PostsBySource.Values.Sum()));
    }

    [Fact]
    public async Task Json_has_the_sources_and_each_shows_posts_by_source()
    {
        var json = JsonDocument.Parse(JsonReportWriter.ToJson(await BuildAsync())).RootElement;

        Assert.Equal(["x", "bluesky"], json.GetProperty("sources").EnumerateArray().Select(e => e.GetString()));
        var split = json.GetProperty("byTweets")[0].GetProperty("postsBySource");
        Assert.Equal(14, split.GetProperty("x").GetInt64());
        Assert.Equal(11, split.GetProperty("bluesky").GetInt64());
    }

    [Fact]
    public async Task Console_tables_have_a_column_per_source()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        ConsoleReportWriter.Write(console, await BuildAsync());

        var lines = writer.ToString().Split('\n');
        var header = lines.First(l => l.Contains("Posts", StringComparison.Ordinal) && l.Contains("Hashtags", StringComparison.Ordinal));
        Assert.True(
            header.IndexOf("Posts", StringComparison.Ordinal) < header.IndexOf(" X ", StringComparison.Ordinal)
            && header.IndexOf(" X ", StringComparison.Ordinal) < header.IndexOf("Bluesky", StringComparison.Ordinal)
            && header.IndexOf("Bluesky", StringComparison.Ordinal) < header.IndexOf("Hashtags", StringComparison.Ordinal),
            header);
        var row = lines.First(l => l.Contains("The Mandalorian", StringComparison.Ordinal));
        Assert.Matches(@"The Mandalorian\s*│\s*25\s*│\s*14\s*│\s*11\s*│", row);
    }

    [Fact]
    public async Task Html_totals_have_a_column_per_source_and_the_posts_chart_is_stacked_by_source()
    {
        var report = await BuildAsync();

        var charts = HtmlReportWriter.RenderCharts(report);
        var html = HtmlReportWriter.Render(report, charts);

        Assert.Contains("<th>Posts</th><th>X</th><th>Bluesky</th><th>Hashtags</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">25</td><td class=\"n\">14</td><td class=\"n\">11</td>", html, StringComparison.Ordinal);
        Assert.Equal("Top 5 shows by posts, stacked by source", charts[0].Caption);
        Assert.NotEqual(
            ReportCharts.BarChart("Top 5 by posts", "posts", [.. report.ByTweets.Select(t => t.Name)], [.. report.ByTweets.Select(t => (double)t.TweetCount)]),
            charts[0].Png);
    }

    [Fact]
    public void A_trending_shows_posts_of_the_day_are_split_by_source()
    {
        DateOnly[] days = [new(2020, 11, 23), new(2020, 11, 24), new(2020, 11, 25)];
        var input = new ReportInput(
            [new(1, days[0], 1, 0, 1), new(1, days[1], 1, 0, 1), new(1, days[2], 20, 0, 20)],
            [],
            new Dictionary<long, string> { [1] = "Show" })
        {
            SourceCounts = [new(1, days[1], "bluesky", 1), new(1, days[2], "x", 8), new(1, days[2], "bluesky", 12)],
        };

        var report = new ReportBuilder(new TrendingOptions()).Build(input, days[2], days[2], top: 5);

        var entry = Assert.Single(Assert.Single(report.Trending).Shows);
        Assert.Equal(20, entry.Count);
        Assert.Equal(new Dictionary<string, long> { ["x"] = 8, ["bluesky"] = 12 }, entry.PostsBySource);
        var json = JsonDocument.Parse(JsonReportWriter.ToJson(report)).RootElement;
        Assert.Equal(12, json.GetProperty("trending")[0].GetProperty("shows")[0].GetProperty("postsBySource").GetProperty("bluesky").GetInt64());
    }

    [Fact]
    public async Task A_lake_without_post_stat_reports_every_post_as_x()
    {
        var report = await ReportRunner.BuildAsync(new LocalDirectoryStore(LakeUri.Local(RepositoryPaths.ReferenceLake)), new TrendingOptions(), new DateOnly(2020, 11, 23), new DateOnly(2020, 12, 1), 5);

        Assert.Equal(["x"], report.Sources);
        Assert.All(report.ByTweets, t => Assert.Equal(new Dictionary<string, long> { ["x"] = t.TweetCount }, t.PostsBySource));
        Assert.Equal("The Mandalorian", report.ByTweets[0].Name);
    }

    private Task<TrendingReport> BuildAsync() =>
        ReportRunner.BuildAsync(new LocalDirectoryStore(LakeUri.Local(_lake.Path)), new TrendingOptions(), From, To, top: 5);

    private void WriteParquet(string table, DateOnly date, string columns, string values)
    {
        var folder = Path.Combine(_lake.Path, table, $"year={date.Year}", $"month={date.Month}", $"day={date.Day}");
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM (VALUES {values}) t({columns})) TO '{Path.Combine(folder, "part-00000.snappy.parquet")}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }
}
