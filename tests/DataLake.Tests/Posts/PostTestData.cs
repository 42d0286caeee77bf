using System.Runtime.CompilerServices;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>
/// Reads the files of TestData/Posts from the test project's source folder (the test project does not copy them to
/// its output): found by walking up from the test binaries, else next to this source file.
/// </summary>
internal static class PostTestData
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string PathOf(string name) => Path.Combine(Folder.Value, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The first line of a one-line fixture, without its newline.</summary>
    public static byte[] Line(string name)
    {
        var bytes = Bytes(name);
        var newline = Array.IndexOf(bytes, (byte)'\n');
        return newline < 0 ? bytes : bytes[..newline];
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "DataLake.Tests", "TestData", "Posts");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "TestData", "Posts");
            if (File.Exists(Path.Combine(dir.FullName, "DataLake.Tests.csproj")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // Built with --artifacts-path elsewhere: the compiler recorded where this file is.
        var fromSource = Path.Combine(SourceDirectory(), "..", "TestData", "Posts");
        return Directory.Exists(fromSource)
            ? Path.GetFullPath(fromSource)
            : throw new DirectoryNotFoundException($"TestData/Posts not found above {AppContext.BaseDirectory} nor at {fromSource}.");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
