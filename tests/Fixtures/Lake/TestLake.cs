using Parquet.Serialization;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Fixtures.Lake;

/// <summary>
/// A throwaway local lake in a fresh folder under the temp folder, removed on dispose: empty, or a
/// copy of a test project's <c>TestData</c> folder; with helpers to write the catalogue, Parquet files
/// and other files into it.
/// </summary>
public sealed class TestLake : IDisposable
{
    /// <summary>An empty lake.</summary>
    public TestLake()
        : this(CreateRoot())
    {
    }

    private TestLake(string root)
    {
        Directory = root;
        Store = new LocalDirectoryStore(LakeUri.Local(root));
    }

    /// <summary>Three shows: enough to miss one.</summary>
    public static ShowCatalogue SmallCatalogue { get; } = new(
    [
        new Show(82856, "The Mandalorian", "#TheMandalorian"),
        new Show(1402, "The Walking Dead", "#TWD"),
        new Show(87739, "The Queen's Gambit", "#QueensGambit"),
    ]);

    /// <summary>The lake's root folder.</summary>
    public string Directory { get; }

    public LocalDirectoryStore Store { get; }

    /// <summary>An empty lake.</summary>
    public static TestLake Empty() => new();

    /// <summary>A lake holding a copy of <c>TestData/{testDataFolder}</c> of the running test project.</summary>
    public static TestLake CopyOf(string testDataFolder)
    {
        var root = CreateRoot();
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", testDataFolder);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new TestLake(root);
    }

    /// <summary>The local path of a key.</summary>
    public string PathOf(string key) => Path.Combine(Directory, key.Replace('/', Path.DirectorySeparatorChar));

    public Task PutCatalogueAsync(ShowCatalogue catalogue) => Store.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv());

    /// <summary>Puts a local file into the lake under <paramref name="key"/>.</summary>
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

    private static string CreateRoot() => System.IO.Directory.CreateTempSubdirectory("trendingtv-test-lake-").FullName;

    /// <summary>Writes <paramref name="rows"/> as one Parquet file under <paramref name="key"/>.</summary>
    public async Task WriteParquetAsync<T>(string key, IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer);
        buffer.Position = 0;
        await Store.PutAsync(key, buffer);
    }
}
