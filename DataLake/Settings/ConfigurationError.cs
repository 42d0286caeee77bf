using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TrendingTv.DataLake.Settings;

/// <summary>
/// The one line every command of both programs (<c>trendingtv</c>, <c>streamer</c>) prints for a bad setting:
/// <c>Configuration error: …</c> naming the setting and its environment variable, never its value (it may be a
/// secret). A setting that fails validation, one the configuration binder cannot read, or a settings file that
/// is missing or not valid JSON; see docs/operations.md ("Configuration").
/// </summary>
public static partial class ConfigurationError
{
    /// <summary>How every configuration error line begins.</summary>
    public const string Prefix = "Configuration error: ";

    /// <summary>The line for <paramref name="error"/> or one of its inner exceptions, or null when it is not a configuration error.</summary>
    public static string? Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (DescribeOne(e) is { } what)
            {
                return Prefix + OneLine(what);
            }
        }

        return null;
    }

    private static string? DescribeOne(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Select(ValidationFailure)),
        InvalidOperationException when BindingFailure().Match(e.Message) is { Success: true } m => CannotRead(m.Groups["key"].Value, m.Groups["type"].Value),
        FileNotFoundException missing when missing.Message.Contains("configuration file", StringComparison.OrdinalIgnoreCase) => missing.Message,
        InvalidDataException bad when bad.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) =>
            bad.InnerException is null ? bad.Message : $"{bad.Message} {bad.InnerException.Message}",
        _ => null,
    };

    private static string CannotRead(string key, string type) => string.Create(
        CultureInfo.InvariantCulture,
        $"the setting {key} cannot be read as {TypeName(type)} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).");

    /// <summary>A data-annotations failure without the framework's wrapping ("DataAnnotation validation failed for … with the error: '…'").</summary>
    private static string ValidationFailure(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    private static string TypeName(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration (hh:mm:ss or d.hh:mm:ss)",
        "System.Uri" => "a URL",
        _ => type.Split('.')[^1],
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The binder's "Failed to convert configuration value '<value>' at '<key>' to type '<type>'.": the value is left out.
    [GeneratedRegex("Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();

    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
