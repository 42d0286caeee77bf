using System.Runtime.CompilerServices;

namespace TrendingTv.LocalS3;

/// <summary>
/// Finds the TrendingTv checkout (the folder holding <c>TrendingTv.sln</c>) from a test or benchmark
/// process, whose binaries may live outside it (<c>--artifacts-path</c>).
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The marker file of the repository root.</summary>
    public const string SolutionFile = "TrendingTv.sln";

    /// <summary>Environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "TRENDINGTV_REPO_ROOT";

    /// <summary>
    /// The repository root: <c>TRENDINGTV_REPO_ROOT</c> if set, else the first folder holding
    /// <c>TrendingTv.sln</c> above the application's base directory, the current directory, or the
    /// folder this file was compiled from.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None of those leads to the solution file.</exception>
    public static string Find() => Find(CompiledFrom());

    private static string Find(string compiledFrom)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, SolutionFile))
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}='{configured}' does not hold {SolutionFile}.");
        }

        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(compiledFrom) ?? string.Empty];
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No {SolutionFile} above {string.Join(", ", starts)}; run from the TrendingTv checkout or set {EnvironmentVariable}.");
    }

    private static string CompiledFrom([CallerFilePath] string path = "") => path;
}
