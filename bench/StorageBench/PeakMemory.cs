using System.Diagnostics;
using System.Globalization;

namespace TrendingTv.StorageBench;

/// <summary>The process's memory high-water marks: <see cref="Process.PeakWorkingSet64"/> and, on Linux, VmHWM and VmRSS of /proc/self/status.</summary>
public sealed record PeakMemory(long PeakWorkingSetBytes, long? VmHwmBytes, long? VmRssBytes)
{
    public static PeakMemory Read()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long? hwm = null;
        long? rss = null;
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
            }
        }

        return new PeakMemory(process.PeakWorkingSet64, hwm, rss);
    }

    /// <summary>The larger of the two peaks: what a limit is checked against.</summary>
    public long PeakBytes => Math.Max(PeakWorkingSetBytes, VmHwmBytes ?? 0);

    // "VmHWM:	  123456 kB"
    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', '\t').Where(p => p.Length > 0).ElementAt(1), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
}
