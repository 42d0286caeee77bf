using Parquet.Serialization;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Activities.Tests.Support;

/// <summary>A local lake in a fresh temporary directory, removed on dispose, with helpers to write partitions and the catalogue.</summary>
public sealed class TestLake : IDisposable
{
    public TestLake()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"trendingtv-activities-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Store = new LocalDirectoryStore(LakeUri.Local(Directory));
    }

    /// <summary>Three shows: enough to miss one.</summary>
    public static ShowCatalogue SmallCatalogue { get; } = new(
    [
        new Show(82856, "The Mandalorian", "#TheMandalorian"),
        new Show(1402, "The Walking Dead", "#TWD"),
        new Show(87739, "The Queen's Gambit", "#QueensGambit"),
    ]);

    public string Directory { get; }

    public LocalDirectoryStore Store { get; }

    public Task PutCatalogueAsync(ShowCatalogue catalogue) => Store.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv());

    public Task WriteTweetStatAsync(DateOnly date, IEnumerable<TweetStatRow> rows, string file = "part-00000.snappy.parquet") =>
        WriteAsync(LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, date) + file, rows);

    public Task WriteTmdbStatAsync(DateOnly date, IEnumerable<TmdbStatRow> rows, string file = "part-00000.snappy.parquet") =>
        WriteAsync(LakeLayout.PartitionPrefix(LakeLayout.TmdbStatTable, date) + file, rows);

    public async Task CopyFileAsync(string path, string key)
    {
        await using var source = File.OpenRead(path);
        await Store.PutAsync(key, source);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    private async Task WriteAsync<T>(string key, IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer);
        buffer.Position = 0;
        await Store.PutAsync(key, buffer);
    }
}
