namespace TrendingTv.Streamer;

internal static class Program
{
    public static Task<int> Main(string[] args) => StreamerCommands.InvokeAsync(args);
}
