using TrendingTv.LocalS3;

namespace TrendingTv.Cli.Tests;

/// <summary>Paths inside the repository (its root found by <see cref="RepositoryRoot"/>).</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Find();

    public static string ReferenceLake => Path.Combine(RepositoryRoot.Find(), "Cli", "SampleData", "reference-2020");
}
