namespace TrendingTv.Cli.Tests;

/// <summary>Paths inside the repository, found by walking up to TrendingTv.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ReferenceLake => Path.Combine(Root, "Cli", "SampleData", "reference-2020");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TrendingTv.sln")))
            {
                return directory.FullName;
            }
        }

        // Artifacts may live outside the tree (--artifacts-path); fall back to the source location.
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
