namespace TrendingTv.DataLake.Layout;

/// <summary>The two daily datasets, each with its own DAG (docs/dag.md). Serialised as "tweet" and "tmdb".</summary>
public enum Dataset
{
    Tweet,
    Tmdb,
}

/// <summary>Names and parsing of <see cref="Dataset"/> values.</summary>
public static class DatasetNames
{
    public static IReadOnlyList<Dataset> All { get; } = [Dataset.Tweet, Dataset.Tmdb];

    public static string Name(this Dataset dataset) => dataset switch
    {
        Dataset.Tweet => "tweet",
        Dataset.Tmdb => "tmdb",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
    };

    public static bool TryParse(string? text, out Dataset dataset)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tweet" or "tweets":
                dataset = Dataset.Tweet;
                return true;
            case "tmdb":
                dataset = Dataset.Tmdb;
                return true;
            default:
                dataset = default;
                return false;
        }
    }

    public static Dataset Parse(string text) => TryParse(text, out var dataset)
        ? dataset
        : throw new FormatException($"Unknown dataset '{text}'; expected 'tweet' or 'tmdb'.");
}
