using TrendingTv.DataLake.Storage;

namespace TrendingTv.LakeTables.Tests;

/// <summary>A throwaway local lake under the temp folder: a copy of a TestData folder, or empty.</summary>
internal sealed class LakeFolder : IDisposable
{
    private LakeFolder(string root)
    {
        Root = root;
        Store = new LocalDirectoryStore(LakeUri.Local(root));
    }

    public string Root { get; }

    public LocalDirectoryStore Store { get; }

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static LakeFolder Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), $"laketables-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return new LakeFolder(root);
    }

    public static LakeFolder CopyOf(string testData)
    {
        var lake = Empty();
        var source = TestData(testData);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(lake.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return lake;
    }

    public string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
