using System.CommandLine.Parsing;

namespace TrendingTv.Streamer.Commands;

/// <summary>Range checks of command options that leave values that do not parse to the parser's own error.</summary>
internal static class OptionValues
{
    /// <summary>Adds <paramref name="message"/> when the option's value parsed and is outside what <paramref name="valid"/> accepts.</summary>
    public static void Check<T>(OptionResult result, Func<T, bool> valid, string message)
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return; // not a T: the parser reports it
        }

        if (!valid(value))
        {
            result.AddError(message);
        }
    }
}
