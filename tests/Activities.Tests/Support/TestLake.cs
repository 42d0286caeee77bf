using Parquet.Serialization;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Tests.Support;

/// <summary>
/// A local lake in a fresh temporary directory, removed on dispose, with helpers to write the catalogue and a
/// run's staged outputs (<see cref="RunStaging"/>), which is what the processed-data check reads.
/// </summary>
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

    /// <summary>Stages tweet_stat rows for the run of <paramref name="date"/>.</summary>
    public Task WriteTweetStatAsync(DateOnly date, IEnumerable<TweetStatRow> rows, string file = "part-00000.snappy.parquet") =>
        WriteAsync(new RunStaging(Dataset.Tweet, date).PartitionPrefix + file, rows);

    /// <summary>Stages tmdb_stat rows for the run of <paramref name="date"/>.</summary>
    public Task WriteTmdbStatAsync(DateOnly date, IEnumerable<TmdbStatRow> rows, string file = "part-00000.snappy.parquet") =>
        WriteAsync(new RunStaging(Dataset.Tmdb, date).PartitionPrefix + file, rows);

    /// <summary>Stages a dimension's CSV for the tmdb run of <paramref name="date"/>, as one part file named as Spark would.</summary>
    public Task WriteDimensionAsync(DateOnly date, string name, string csv, string file = "part-00000-5e1f-c000.csv") =>
        Store.PutTextAsync(new RunStaging(Dataset.Tmdb, date).DimensionPrefix(name) + file, csv);

    /// <summary>Stages the original pipeline's four dimensions (TestData/processed/dims-2020) for the tmdb run of <paramref name="date"/>.</summary>
    public async Task WriteReferenceDimensionsAsync(DateOnly date)
    {
        foreach (var name in LakeLayout.Dimensions)
        {
            var csv = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "processed", "dims-2020", name + ".csv"));
            await WriteDimensionAsync(date, name, csv);
        }
    }

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
