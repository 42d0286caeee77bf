namespace TrendingTv.Streamer.Tests;

/// <summary>Paths of the test data files and a scratch folder per test.</summary>
internal static class TestFiles
{
    /// <summary>9 messages of a v2 filtered stream: 8 posts and one errors-only message.</summary>
    public static string V2Stream => Path.Combine(AppContext.BaseDirectory, "TestData", "Capture", "v2-filtered-stream-with-errors-message.jsonl");

    /// <summary>72 v1.1 streamed statuses, one id delivered twice (71 distinct posts).</summary>
    public static string V1Stream => Path.Combine(AppContext.BaseDirectory, "TestData", "Capture", "v1-stream-with-duplicate-id.jsonl");

    public static string NewScratchFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "streamer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
