using System.Globalization;
using System.Text.RegularExpressions;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Jobs;

/// <summary>
/// The validated parameters of one job run. Every value that reaches SQL text passes through here
/// first (docs/architecture.md, portable SQL): a date in <c>yyyy-MM-dd</c> form, a well-formed lake URI, keys checked by
/// <see cref="ObjectKey"/>, and paths free of quotes and control characters.
/// </summary>
internal static partial class JobParameters
{
    /// <summary>The <c>{tweet|tmdb}-{yyyy-MM-dd}</c> run id (Activities' <c>EtlJobRequest.RunId</c>).</summary>
    public static string RunId(Dataset dataset, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{dataset.Name()}-{date:yyyy-MM-dd}");

    /// <summary>The date as SQL-safe <c>yyyy-MM-dd</c> text, checked by a strict round trip.</summary>
    public static string IsoDate(DateOnly date)
    {
        var text = LakeLayout.Iso(date);
        if (!IsoDatePattern().IsMatch(text) || LakeLayout.ParseIsoDate(text) != date)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The date {text} cannot be written as yyyy-MM-dd.");
        }

        return text;
    }

    /// <summary>A post source (<see cref="PostSources"/>), the only text a job writes into SQL as a literal value.</summary>
    public static string Source(string source) => PostSources.All.Contains(source)
        ? source
        : throw new ArgumentOutOfRangeException(nameof(source), source, $"Unknown post source; expected one of {string.Join(", ", PostSources.All)}.");

    /// <summary>A lake URI (<c>s3://bucket[/prefix]</c>) or local path fit to be quoted in SQL: parsed, then re-checked for quote characters.</summary>
    public static string LakeRoot(LakeUri lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var text = lake.IsLocal ? lake.LocalPath! : lake.ToString();
        _ = LakeUri.Parse(text);
        return SqlPath(text, "lake root");
    }

    /// <summary>A lake key checked by <see cref="ObjectKey"/> and safe to quote in SQL.</summary>
    public static string Key(string key)
    {
        ObjectKey.Validate(key);
        return SqlPath(key, "key");
    }

    /// <summary>A local file path safe to put inside a single-quoted SQL literal.</summary>
    public static string SqlPath(string path, string what = "path")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        foreach (var c in path)
        {
            if (c is '\'' or '"' or '\\' or '`' or '$' or '{' or '}' or ';' || char.IsControl(c))
            {
                throw new ArgumentException($"The {what} '{Printable(path)}' contains '{Printable(c.ToString())}', which is not allowed in a job path.", nameof(path));
            }
        }

        return path;
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDatePattern();
}
