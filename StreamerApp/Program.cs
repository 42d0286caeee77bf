using TrendingTv.Streamer.Commands;

namespace TrendingTv.StreamerApp;

internal static class Program
{
    public static Task<int> Main(string[] args) => StreamerCommandLine.InvokeAsync(args);
}
