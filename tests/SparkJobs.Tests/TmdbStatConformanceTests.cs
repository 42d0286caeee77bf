using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>tmdb_stat and the dimensions from TestData/conformance-lake/tmdb_raw/2020/11/23/2020-11-23.json.</summary>
public sealed class TmdbStatConformanceTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = TestLake.CopyOf("conformance-lake");

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Tmdb_stat_takes_each_shows_latest_snapshot_of_the_date()
    {
        var result = await Runner().RunAsync(Dataset.Tmdb, Day);

        // 87739 has two snapshots; the 22:00:00 one (first in the file) wins over 10:00:00.
        // 96677 has empty first_air_date and origin_country strings, which are not read.
        Assert.Equal(
            [
                "65494|2020-11-23|4|40|1800|8.2|88.125",
                "87739|2020-11-23|1|7|2400|8.7|250.5",
                "96677|2020-11-23|1|0|0|0|12",
            ],
            Duck.Rows($"SELECT id, date, number_of_seasons, number_of_episodes, vote_count, vote_average, popularity FROM read_parquet('{_lake.PathOf("tmdb_stat/year=2020/month=11/day=23/")}*.parquet') ORDER BY id"));
        Assert.Equal(3, result.RowsWritten);
        Assert.Equal(
            [
                "tmdb_stat/year=2020/month=11/day=23/part-00000.snappy.parquet",
                "tmdb_stat/year=2020/month=11/day=23/_SUCCESS",
                "dims/tvshows.csv",
                "dims/genres.csv",
                "dims/networks.csv",
                "dims/date.csv",
                "dims/_AS_OF",
            ],
            result.KeysWritten);
    }

    [Fact]
    public async Task Dimensions_are_csv_with_arrays_written_as_bracketed_lists()
    {
        await Runner().RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(
            "id,name,original_name,original_language,genres_id,networks_id\n" +
            "65494,The Crown,The Crown,en,\"[18, 36]\",[213]\n" +
            "87739,The Queen's Gambit,The Queen's Gambit,en,[18],[213]\n" +
            "96677,Lupin,Lupin,fr,[],\"[213, 1]\"\n",
            await File.ReadAllTextAsync(_lake.PathOf("dims/tvshows.csv")));
        Assert.Equal("id,name\n18,Drama\n36,History\n", await File.ReadAllTextAsync(_lake.PathOf("dims/genres.csv")));
        Assert.Equal("id,name,origin_country\n1,Fuji TV,JP\n213,Netflix,\"\"\n", await File.ReadAllTextAsync(_lake.PathOf("dims/networks.csv")));
    }

    [Fact]
    public async Task Date_dimension_covers_the_years_with_iso_weekdays()
    {
        await Runner().RunAsync(Dataset.Tmdb, Day);

        var lines = await File.ReadAllLinesAsync(_lake.PathOf("dims/date.csv"));
        Assert.Equal("date,weekday,day,month,year", lines[0]);
        Assert.Equal("2020-01-01,3,1,1,2020", lines[1]); // a Wednesday
        Assert.Equal("2020-11-23,1,23,11,2020", lines[1 + 327]); // a Monday
        Assert.Equal("2020-12-31,4,31,12,2020", lines[^1]);
        Assert.Equal(1 + 366, lines.Length);
    }

    [Fact]
    public async Task A_missing_snapshot_is_an_error_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner().RunAsync(Dataset.Tmdb, Day.AddDays(1)));

        Assert.Contains("tmdb_raw/2020/11/24/2020-11-24.json", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_lake.PathOf("tmdb_stat")));
    }

    private LocalEtlRunner Runner() => new(_lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });
}
