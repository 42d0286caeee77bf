using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Storage;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Tests.Reports;

/// <summary>The report over the original Python pipeline's tables (Cli/SampleData/reference-2020).</summary>
public class ReferenceLakeReportTests
{
    private static readonly DateOnly From = new(2020, 11, 23);
    private static readonly DateOnly To = new(2020, 12, 1);

    private static Task<TrendingReport> BuildAsync(int top) =>
        ReportRunner.BuildAsync(new LocalDirectoryStore(LakeUri.Local(RepositoryPaths.ReferenceLake)), new TrendingOptions(), From, To, top);

    [Fact]
    public async Task Shows_rank_by_total_hashtag_count_as_the_original_notebook_did()
    {
        var report = await BuildAsync(top: 5);

        Assert.Equal(
            [("The Mandalorian", 22194L), ("The Undoing", 6460L), ("Supernatural", 4789L), ("Doctor Who", 3451L), ("Attack on Titan", 1658L)],
            report.ByHashtags.Select(t => (t.Name, t.HashtagCount)).ToArray());
    }

    [Fact]
    public async Task The_string_ids_of_the_original_tweet_stat_read_as_bigint()
    {
        using var tables = await LakeDatabase.OpenAsync(new LocalDirectoryStore(LakeUri.Local(RepositoryPaths.ReferenceLake)));

        var result = await LakeQuery.RunAsync(tables.Connection, "SELECT typeof(id), count(*), count(DISTINCT date), min(date)::VARCHAR, max(date)::VARCHAR FROM tweet_stat GROUP BY ALL");

        var row = Assert.Single(result.Rows);
        Assert.Equal("BIGINT", row[0]);
        Assert.Equal(9L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("2020-11-23", "2020-12-01"), ((string)row[3]!, (string)row[4]!));
    }

    [Fact]
    public async Task Text_arrays_of_the_original_tvshows_read_as_integer_lists()
    {
        using var tables = await LakeDatabase.OpenAsync(new LocalDirectoryStore(LakeUri.Local(RepositoryPaths.ReferenceLake)));

        var result = await LakeQuery.RunAsync(tables.Connection, "SELECT len(genres_id), genres_id[1], networks_id[1] FROM tvshows WHERE id = 82856");

        var row = Assert.Single(result.Rows);
        Assert.Equal((3L, 10765, 2739), (Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture), (int)row[1]!, (int)row[2]!));
    }

    [Fact]
    public async Task Trending_needs_two_baseline_days_and_lists_growing_shows_only()
    {
        var report = await BuildAsync(top: 10);

        Assert.Empty(report.Trending[0].Shows);
        Assert.Empty(report.Trending[1].Shows);
        var friday = report.Trending.Single(d => d.Date == new DateOnly(2020, 11, 27));
        Assert.Equal("The Mandalorian", friday.Shows[0].Name); // new episode that day
        Assert.All(report.Trending.SelectMany(d => d.Shows), s => Assert.True(s.Score > 0 && s.Count >= 10));
    }
}
