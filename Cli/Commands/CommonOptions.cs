using System.CommandLine;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Commands;

/// <summary>Options shared by several commands and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string?> Lake() => new("--lake")
    {
        Description = "Lake root: a directory, file:///path or s3://bucket[/prefix] (default: Lake:Root, ./lake)",
    };

    public static Option<DateOnly> Date(string name, string description) => new(name)
    {
        Description = description + " (yyyy-MM-dd, UTC)",
        Required = true,
        CustomParser = result => ParseDate(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty, name, result),
    };

    private static DateOnly ParseDate(string text, string name, System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return LakeLayout.ParseIsoDate(text);
        }
        catch (FormatException e)
        {
            result.AddError($"{name}: {e.Message}");
            return default;
        }
    }
}
