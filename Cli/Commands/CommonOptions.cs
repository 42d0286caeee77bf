using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// Options shared by several commands. Every value is parsed by a custom parser that reports a bad
/// token as a parse error naming the option (exit 2), so no option can throw while it is read.
/// </summary>
internal static class CommonOptions
{
    public static Option<string?> Lake()
    {
        var option = new Option<string?>("--lake")
        {
            Description = "Lake root: a directory, file:///path or s3://bucket[/prefix] (default: Lake:Root, ./lake)",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !LakeUri.TryParse(result.Tokens[0].Value, out _, out var error))
            {
                result.AddError($"--lake: {error}");
            }
        });
        return option;
    }

    public static Option<DateOnly> Date(string name, string description) => new(name)
    {
        Description = description + " (yyyy-MM-dd, UTC)",
        Required = true,
        CustomParser = result => ParseDate(name, result) ?? default,
    };

    public static Option<DateOnly?> OptionalDate(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseDate(name, result),
    };

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/> (anything else is a parse error naming the range).</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int min = int.MinValue, int max = int.MaxValue) => new(name)
    {
        Description = min == int.MinValue && max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{description} (default {defaultValue})")
            : string.Create(CultureInfo.InvariantCulture, $"{description} ({min} to {max}; default {defaultValue})"),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError(min == int.MinValue && max == int.MaxValue
                ? $"{name}: '{text}' is not a whole number"
                : string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a whole number from {min} to {max}"));
            return defaultValue;
        },
    };

    private static DateOnly? ParseDate(string name, ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        try
        {
            return LakeLayout.ParseIsoDate(text);
        }
        catch (FormatException e)
        {
            result.AddError($"{name}: {e.Message}");
            return null;
        }
    }
}
