using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>A throwaway local lake: a copy of a TestData folder (or an empty one) under the temp folder.</summary>
internal sealed class TestLake : IDisposable
{
    private TestLake(string root)
    {
        RootPath = root;
        Store = new LocalDirectoryStore(LakeUri.Local(root));
    }

    public string RootPath { get; }

    public LocalDirectoryStore Store { get; }

    public static TestLake Empty() => new(CreateRoot());

    public static TestLake CopyOf(string testDataFolder)
    {
        var root = CreateRoot();
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", testDataFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new TestLake(root);
    }

    public string PathOf(string key) => Path.Combine(RootPath, key.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        if (Directory.Exists(RootPath))
        {
            Directory.Delete(RootPath, recursive: true);
        }
    }

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"sparkjobs-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return root;
    }
}
