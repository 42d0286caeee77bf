using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace TrendingTv.LakeTables;

/// <summary>Runs synchronous DuckDB work on a pool thread and interrupts the connection when the token is cancelled.</summary>
internal static class Interruptible
{
    public static async Task<T> RunAsync<T>(DuckDBConnection connection, Func<T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var run = Task.Run(work, CancellationToken.None);
        using (cancellationToken.Register(() => _ = InterruptUntilDoneAsync(connection, run)))
        {
            return await run;
        }
    }

    // An interrupt that lands before DuckDB starts a statement is forgotten; repeat it until the work ends.
    private static async Task InterruptUntilDoneAsync(DuckDBConnection connection, Task run)
    {
        while (!run.IsCompleted)
        {
            NativeMethods.Startup.DuckDBInterrupt(connection.NativeConnection);
            await Task.WhenAny(run, Task.Delay(50));
        }
    }
}
