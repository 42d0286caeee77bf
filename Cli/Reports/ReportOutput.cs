using TrendingTv.Cli.Application;

namespace TrendingTv.Cli.Reports;

/// <summary>Checks an output folder before any work: created if missing, and writable.</summary>
public static class ReportOutput
{
    /// <exception cref="UsageException">The folder cannot be created or written; the message names it.</exception>
    public static void Prepare(string option, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        var probe = Path.Combine(full, $".trendingtv-write-test-{Guid.NewGuid():N}");
        try
        {
            if (File.Exists(full))
            {
                throw new UsageException($"{option} {full} is a file, not a folder.");
            }

            Directory.CreateDirectory(full);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {full} cannot be written: {e.Message}", e);
        }
    }
}
