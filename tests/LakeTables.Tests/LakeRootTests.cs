using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;

namespace TrendingTv.LakeTables.Tests;

/// <summary>A lake that is not there is an error naming it, never an empty set of tables.</summary>
[Collection(S3rverFixture.Collection)]
public sealed class LakeRootTests(S3rverFixture s3)
{
    [Theory]
    [InlineData("no-such-lake")]
    [InlineData("no-such-parent/lake")]
    [InlineData("with space/and'quote")]
    public async Task A_lake_folder_that_does_not_exist_is_an_error_naming_it(string relative)
    {
        using var parent = LakeFolder.Empty();
        var root = Path.Combine(parent.Root, relative);

        var error = await Assert.ThrowsAsync<LakeReadException>(() => LakeDatabase.OpenAsync(new LocalDirectoryStore(LakeUri.Local(root))));

        Assert.Contains(Path.GetFullPath(root), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PAR1 not really parquet")]
    public async Task A_lake_root_that_is_a_file_is_an_error_naming_it(string content)
    {
        using var parent = LakeFolder.Empty();
        var root = Path.Combine(parent.Root, "lake.parquet");
        await File.WriteAllTextAsync(root, content);

        var error = await Assert.ThrowsAsync<LakeReadException>(() => LakeDatabase.OpenAsync(new LocalDirectoryStore(LakeUri.Local(root))));

        Assert.Contains(root, error.Message, StringComparison.Ordinal);
        Assert.Contains("is a file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("tweets/2026/11/22/00/2026-11-22-00.jsonl")]
    [InlineData("reference/tv_shows.csv", "tmdb_raw/2026/11/22/2026-11-22.json")]
    [InlineData("tweet_stat/_SUCCESS", "dims/readme.txt")]
    public async Task A_folder_holding_none_of_the_tables_is_an_error_naming_it(params string[] keys)
    {
        using var lake = LakeFolder.Empty();
        foreach (var key in keys)
        {
            await lake.Store.PutTextAsync(key, "x");
        }

        var error = await Assert.ThrowsAsync<LakeReadException>(() => LakeDatabase.OpenAsync(lake.Store));

        Assert.Contains(lake.Root, error.Message, StringComparison.Ordinal);
        Assert.Contains("holds none of the tables", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lakes/prod")]
    public async Task An_s3_lake_holding_none_of_the_tables_is_an_error_naming_its_uri(string? prefix)
    {
        var (store, root) = await s3.CreateBucketAsync(prefix);
        await store.PutTextAsync("tweets/2026/11/22/00/2026-11-22-00.jsonl", "{}");

        var error = await Assert.ThrowsAsync<LakeReadException>(() => LakeDatabase.OpenAsync(store));

        Assert.Contains(root.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_open_leaves_no_scratch_folder_behind()
    {
        using var parent = LakeFolder.Empty();
        var scratchParent = Directory.CreateDirectory(Path.Combine(parent.Root, "scratch")).FullName;
        var missing = new LocalDirectoryStore(LakeUri.Local(Path.Combine(parent.Root, "missing")));

        await Assert.ThrowsAsync<LakeReadException>(() => LakeDatabase.OpenAsync(missing, LakeAccess.Sandboxed, scratchParent, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratchParent));
    }
}
