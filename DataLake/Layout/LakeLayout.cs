using System.Globalization;
using System.Text.RegularExpressions;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Layout;

/// <summary>
/// The keys of the lake's datasets (docs/lake-layout.md), built and parsed in one place. Dates and hours are UTC;
/// raw and canonical folders are zero-padded, Hive partitions are not (as Spark writes them). Keys private to
/// one mechanism live beside it: canonical hour manifests (CanonicalHourManifest), run staging (RunStaging).
/// </summary>
public static partial class LakeLayout
{
    public const string RawTweetsRoot = "tweet_raw";
    public const string CanonicalTweetsRoot = "tweets";
    public const string RawBlueskyRoot = "bluesky_raw";
    public const string CanonicalBlueskyRoot = "bluesky_posts";
    public const string BlueskyDeletesRoot = "bluesky_deletes";
    public const string RawTmdbRoot = "tmdb_raw";
    public const string CatalogueKey = "reference/tv_shows.csv";
    public const string TweetStatTable = "tweet_stat";
    public const string PostStatTable = "post_stat";
    public const string TmdbStatTable = "tmdb_stat";
    public const string DimensionsRoot = "dims";
    public const string JobsRoot = "jobs";
    public const string SuccessMarker = "_SUCCESS";

    /// <summary>The dimension tables, each a CSV under <c>dims/</c>.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["tvshows", "genres", "networks", "date"];

    // Raw and canonical posts, one file per UTC hour.

    public static string RawTweetHourKey(DateTimeOffset hour) => HourKey(RawTweetsRoot, hour, "json");

    public static string CanonicalTweetHourKey(DateTimeOffset hour) => HourKey(CanonicalTweetsRoot, hour, "jsonl");

    public static string RawTweetDayPrefix(DateOnly date) => DayFolder(RawTweetsRoot, date);

    public static string CanonicalTweetDayPrefix(DateOnly date) => DayFolder(CanonicalTweetsRoot, date);

    // Posts of every source: X keeps the original tweet_raw/ and tweets/ roots; each other source has its own pair.

    /// <summary>The raw root of a source (<see cref="PostSources"/>): <c>tweet_raw</c> or <c>bluesky_raw</c>.</summary>
    public static string RawPostsRoot(string source) => source switch
    {
        PostSources.X => RawTweetsRoot,
        PostSources.Bluesky => RawBlueskyRoot,
        _ => throw UnknownSource(source),
    };

    /// <summary>The canonical root of a source: <c>tweets</c> or <c>bluesky_posts</c>.</summary>
    public static string CanonicalPostsRoot(string source) => source switch
    {
        PostSources.X => CanonicalTweetsRoot,
        PostSources.Bluesky => CanonicalBlueskyRoot,
        _ => throw UnknownSource(source),
    };

    public static string RawPostHourKey(string source, DateTimeOffset hour) => HourKey(RawPostsRoot(source), hour, "json");

    public static string CanonicalPostHourKey(string source, DateTimeOffset hour) => HourKey(CanonicalPostsRoot(source), hour, "jsonl");

    public static string RawPostDayPrefix(string source, DateOnly date) => DayFolder(RawPostsRoot(source), date);

    public static string CanonicalPostDayPrefix(string source, DateOnly date) => DayFolder(CanonicalPostsRoot(source), date);

    /// <summary>Bluesky deletes received in one UTC hour for posts already in the lake, one JSON object a line.</summary>
    public static string BlueskyDeletesHourKey(DateTimeOffset hour) => HourKey(BlueskyDeletesRoot, hour, "jsonl");

    // TMDB snapshots, one file per UTC day.

    public static string RawTmdbDayKey(DateOnly date) => $"{DayFolder(RawTmdbRoot, date)}{Iso(date)}.json";

    public static string RawTmdbDayPrefix(DateOnly date) => DayFolder(RawTmdbRoot, date);

    /// <summary>Every prefix under which a dataset's raw input for <paramref name="date"/> lands: one per post source for tweets.</summary>
    public static IReadOnlyList<string> RawDayPrefixes(Dataset dataset, DateOnly date) => dataset switch
    {
        Dataset.Tweet => [.. PostSources.All.Select(source => RawPostDayPrefix(source, date))],
        Dataset.Tmdb => [RawTmdbDayPrefix(date)],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
    };

    // Analytics tables.

    /// <summary>The fact table a dataset's ETL job writes.</summary>
    public static string FactTable(Dataset dataset) => dataset switch
    {
        Dataset.Tweet => TweetStatTable,
        Dataset.Tmdb => TmdbStatTable,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
    };

    /// <summary>
    /// Every fact table a dataset's ETL job writes, its main table (<see cref="FactTable"/>) first:
    /// the tweet job also writes <c>post_stat</c>, the same counts split by source.
    /// </summary>
    public static IReadOnlyList<string> FactTables(Dataset dataset) => dataset switch
    {
        Dataset.Tweet => [TweetStatTable, PostStatTable],
        Dataset.Tmdb => [TmdbStatTable],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
    };

    /// <summary><c>{table}/year=Y/month=M/day=D/</c>, not zero-padded.</summary>
    public static string PartitionPrefix(string table, DateOnly date)
    {
        ValidateTable(table);
        return string.Create(CultureInfo.InvariantCulture, $"{table}/year={date.Year}/month={date.Month}/day={date.Day}/");
    }

    public static string DimensionKey(string name) => Dimensions.Contains(name)
        ? $"{DimensionsRoot}/{name}.csv"
        : throw new ArgumentException($"Unknown dimension '{name}'; expected one of {string.Join(", ", Dimensions)}.", nameof(name));

    public static string JobKey(string runId, string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return Storage.ObjectKey.Validate($"{JobsRoot}/{runId}/{fileName}");
    }

    // Parsing.

    /// <summary>Recognises an X raw or canonical hourly key and returns its UTC hour.</summary>
    public static bool TryParseTweetHourKey(string key, out DateTimeOffset hour, out bool isCanonical) =>
        TryParsePostHourKey(key, out var source, out hour, out isCanonical) && source == PostSources.X;

    /// <summary>Recognises a raw or canonical hourly key of any source and returns its source and UTC hour.</summary>
    public static bool TryParsePostHourKey(string key, out string source, out DateTimeOffset hour, out bool isCanonical)
    {
        var match = HourKeyPattern().Match(key ?? string.Empty);
        hour = default;
        isCanonical = false;
        source = string.Empty;
        if (!match.Success)
        {
            return false;
        }

        var root = match.Groups["root"].Value;
        var extension = match.Groups["ext"].Value;
        var known = PostSources.All.FirstOrDefault(s => (root == RawPostsRoot(s) && extension == "json") || (root == CanonicalPostsRoot(s) && extension == "jsonl"));
        if (known is null)
        {
            return false;
        }

        var folder = $"{match.Groups["y"].Value}-{match.Groups["m"].Value}-{match.Groups["d"].Value}-{match.Groups["h"].Value}";
        if (folder != match.Groups["name"].Value ||
            !DateTime.TryParseExact(folder, "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        hour = new DateTimeOffset(parsed, TimeSpan.Zero);
        isCanonical = root == CanonicalPostsRoot(known);
        source = known;
        return true;
    }

    /// <summary>Recognises a key inside a Hive partition <c>{table}/year=Y/month=M/day=D/…</c>.</summary>
    public static bool TryParsePartition(string key, out string table, out DateOnly date)
    {
        var match = PartitionPattern().Match(key ?? string.Empty);
        table = string.Empty;
        date = default;
        if (!match.Success)
        {
            return false;
        }

        try
        {
            date = new DateOnly(
                int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture));
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        table = match.Groups["table"].Value;
        return true;
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses a strict <c>yyyy-MM-dd</c> date; a <see cref="FormatException"/> names the bad text.</summary>
    public static DateOnly ParseIsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date in yyyy-MM-dd form.");

    /// <summary>The UTC hour that contains <paramref name="instant"/>.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string HourKey(string root, DateTimeOffset hour, string extension)
    {
        RequireUtc(hour);
        return string.Create(CultureInfo.InvariantCulture, $"{root}/{hour:yyyy}/{hour:MM}/{hour:dd}/{hour:HH}/{hour:yyyy-MM-dd-HH}.{extension}");
    }

    private static string DayFolder(string root, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{root}/{date:yyyy}/{date:MM}/{date:dd}/");

    private static ArgumentOutOfRangeException UnknownSource(string source) =>
        new(nameof(source), source, $"Unknown post source; expected one of {string.Join(", ", PostSources.All)}.");

    private static void RequireUtc(DateTimeOffset hour)
    {
        if (hour.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException($"Lake hours are UTC; {hour:O} has offset {hour.Offset}.", nameof(hour));
        }
    }

    private static void ValidateTable(string table)
    {
        if (!TablePattern().IsMatch(table ?? string.Empty))
        {
            throw new ArgumentException($"'{table}' is not a table name (lower-case letters, digits and '_').", nameof(table));
        }
    }

    [GeneratedRegex(@"^(?<root>[a-z_]+)/(?<y>\d{4})/(?<m>\d{2})/(?<d>\d{2})/(?<h>\d{2})/(?<name>\d{4}-\d{2}-\d{2}-\d{2})\.(?<ext>jsonl?)$")]
    private static partial Regex HourKeyPattern();

    [GeneratedRegex(@"^(?<table>[a-z_][a-z0-9_]*)/year=(?<y>\d{4})/month=(?<m>\d{1,2})/day=(?<d>\d{1,2})/")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex TablePattern();
}
