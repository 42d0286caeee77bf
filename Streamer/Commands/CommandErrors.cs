using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TrendingTv.Streamer.Commands;

/// <summary>Turns what stops a command into the one line a user reads on stderr, and its exit code.</summary>
internal static partial class CommandErrors
{
    /// <summary>The line and exit code for <paramref name="error"/>: <c>Configuration error: …</c> and 2 for settings, the message and 1 otherwise.</summary>
    public static (string Line, int ExitCode) Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (DescribeConfiguration(e) is { } setting)
            {
                return ("Configuration error: " + setting, ExitCodes.Usage);
            }
        }

        var innermost = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        return (OneLine(innermost.Message), ExitCodes.Failure);
    }

    private static string? DescribeConfiguration(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Select(Failure)),
        InvalidOperationException when ConversionFailure().Match(e.Message) is { Success: true } m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Groups["key"].Value} (env {m.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal)}) is not a valid {FriendlyType(m.Groups["type"].Value)}{(e.InnerException is null ? "." : ": " + OneLine(e.InnerException.Message))}"),
        FileNotFoundException notFound when notFound.Message.Contains("configuration file", StringComparison.OrdinalIgnoreCase) => OneLine(notFound.Message),
        InvalidDataException bad when bad.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) => OneLine(bad.Message + (bad.InnerException is null ? string.Empty : " " + bad.InnerException.Message)),
        _ => null,
    };

    /// <summary>The message of a data-annotations failure without the framework's wrapping ("DataAnnotation validation failed for …").</summary>
    private static string Failure(string failure) => AnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    private static string FriendlyType(string type) => type switch
    {
        "System.TimeSpan" => "duration (hh:mm:ss or d.hh:mm:ss)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "true/false",
        "System.Double" => "number",
        _ => type,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$")]
    private static partial Regex AnnotationFailure();

    [GeneratedRegex("Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();
}
