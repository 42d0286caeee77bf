namespace TrendingTv.LakeTables.Tests;

/// <summary>One bad file never hides the rest: it is skipped and named, the other partitions load.</summary>
public sealed class UnreadableFileTests
{
    private const string Day25 = "tweet_stat/year=2020/month=11/day=25/part-00000-385a3db4-7c7a-4425-89af-18f633906056.c000.snappy.parquet";

    public static TheoryData<string, Func<byte[], byte[]>> Damages => new()
    {
        { "truncated to half", bytes => bytes[..(bytes.Length / 2)] },
        { "empty", _ => [] },
        { "random bytes", bytes => [.. Enumerable.Range(0, bytes.Length).Select(i => (byte)(i * 7919 % 251))] },
        { "footer cut off", bytes => bytes[..^8] },
        { "text", _ => "id,date\n1,2020-11-25\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_partition_is_skipped_and_named_while_the_other_dates_load(string damage, Func<byte[], byte[]> spoil)
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        var path = lake.PathOf(Day25);
        await File.WriteAllBytesAsync(path, spoil(await File.ReadAllBytesAsync(path)));

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        var skipped = Assert.Single(tables.SkippedFiles);
        Assert.Equal(("tweet_stat", Day25, new DateOnly(2020, 11, 25)), (skipped.Table, skipped.Key, skipped.PartitionDate!.Value));
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason), damage);
        Assert.Equal(
            ["2020-11-23", "2020-11-24", "2020-11-26", "2020-11-27", "2020-11-28", "2020-11-29", "2020-11-30", "2020-12-01"],
            await Rows.OfAsync(tables.Connection, "SELECT DISTINCT date FROM tweet_stat ORDER BY date"));
        Assert.Equal(["9"], await Rows.OfAsync(tables.Connection, "SELECT count(DISTINCT date) FROM tmdb_stat"));
    }

    [Fact]
    public async Task Several_damaged_files_in_several_tables_are_each_named()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        var tmdb = Directory.GetFiles(lake.PathOf("tmdb_stat/year=2020/month=12/day=1"), "*.parquet").Single();
        await File.WriteAllBytesAsync(lake.PathOf(Day25), [1, 2, 3]);
        await File.WriteAllBytesAsync(tmdb, [4, 5, 6]);
        await File.WriteAllTextAsync(lake.PathOf("genres.csv"), "id,name\nnot-a-number,Drama\n");

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(
            ["genres", "tmdb_stat", "tweet_stat"],
            tables.SkippedFiles.Select(f => f.Table).Order(StringComparer.Ordinal));
        Assert.Contains(tables.SkippedFiles, f => f.Key == "genres.csv" && f.PartitionDate is null);
        Assert.Equal(["1280"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tweet_stat"));
        Assert.Equal(["0"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM genres"));
        Assert.Equal(["160"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tvshows"));
    }
}
