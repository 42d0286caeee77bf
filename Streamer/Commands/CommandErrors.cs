using TrendingTv.DataLake.Settings;

namespace TrendingTv.Streamer.Commands;

/// <summary>Turns what stops a command into the one line a user reads on stderr, and its exit code.</summary>
internal static class CommandErrors
{
    /// <summary>The line and exit code for <paramref name="error"/>: the <see cref="ConfigurationError"/> line and 2 for settings, the message and 1 otherwise.</summary>
    public static (string Line, int ExitCode) Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (ConfigurationError.Describe(error) is { } setting)
        {
            return (setting, ExitCodes.Usage);
        }

        var innermost = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        return (OneLine(innermost.Message), ExitCodes.Failure);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
