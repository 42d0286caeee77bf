using System.Diagnostics;
using System.Globalization;

namespace TrendingTv.BlueskyBench;

/// <summary>The parent's handle on the <see cref="StandInServer"/> child process: started with the same options, stopped by closing its input.</summary>
internal sealed class StandInProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;

    private StandInProcess(Process process, Uri subscribeUri, int poolEvents, double averageBytes)
    {
        _process = process;
        SubscribeUri = subscribeUri;
        PoolEvents = poolEvents;
        AverageBytes = averageBytes;
    }

    public Uri SubscribeUri { get; }

    public int PoolEvents { get; }

    public double AverageBytes { get; }

    /// <summary>The child's peak RSS, known once it has been stopped.</summary>
    public long? PeakBytes { get; private set; }

    public static async Task<StandInProcess> StartAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StandInProcess).Assembly.Location);
        }

        foreach (var arg in args.Append("--serve"))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The stand-in process did not start.");
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"The stand-in process exited ({process.ExitCode}) before listening.");
        var parts = line[StandInServer.ListeningPrefix.Length..].Split(' ');
        return new StandInProcess(process, new Uri(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (PeakBytes is not null || _process.HasExited)
        {
            return;
        }

        _process.StandardInput.Close();
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(StandInServer.MemoryPrefix, StringComparison.Ordinal))
            {
                PeakBytes = long.Parse(line[StandInServer.MemoryPrefix.Length..], CultureInfo.InvariantCulture);
            }
        }

        await _process.WaitForExitAsync();
        PeakBytes ??= 0;
    }

    public void Dispose() => _process.Dispose();
}
