using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Tests;

/// <summary>Writes a run's staged outputs (<see cref="RunStaging"/>) into a <see cref="TestLake"/>: what the processed-data check reads.</summary>
internal static class StagedOutputs
{
    /// <summary>
    /// Stages tweet_stat rows for the run of <paramref name="date"/>, and the same counts as the <c>x</c> source's
    /// post_stat rows (an X-only day), as the tweet job stages both.
    /// </summary>
    public static async Task WriteTweetStatAsync(this TestLake lake, DateOnly date, IEnumerable<TweetStatRow> rows, string file = "part-00000.snappy.parquet")
    {
        var list = rows.ToList();
        await lake.WriteParquetAsync(new RunStaging(Dataset.Tweet, date).PartitionPrefix + file, list);
        await lake.WritePostStatAsync(date, PostStatRow.XOnly(list), file);
    }

    /// <summary>Stages post_stat rows for the tweet run of <paramref name="date"/>.</summary>
    public static Task WritePostStatAsync(this TestLake lake, DateOnly date, IEnumerable<PostStatRow> rows, string file = "part-00000.snappy.parquet") =>
        lake.WriteParquetAsync(new RunStaging(Dataset.Tweet, date).PartitionPrefixOf(LakeLayout.PostStatTable) + file, rows);

    /// <summary>Stages tmdb_stat rows for the run of <paramref name="date"/>.</summary>
    public static Task WriteTmdbStatAsync(this TestLake lake, DateOnly date, IEnumerable<TmdbStatRow> rows, string file = "part-00000.snappy.parquet") =>
        lake.WriteParquetAsync(new RunStaging(Dataset.Tmdb, date).PartitionPrefix + file, rows);

    /// <summary>Stages a dimension's CSV for the tmdb run of <paramref name="date"/>, as one part file named as Spark would.</summary>
    public static Task WriteDimensionAsync(this TestLake lake, DateOnly date, string name, string csv, string file = "part-00000-5e1f-c000.csv") =>
        lake.Store.PutTextAsync(new RunStaging(Dataset.Tmdb, date).DimensionPrefix(name) + file, csv);

    /// <summary>Stages the original pipeline's four dimensions (TestData/processed/dims-2020) for the tmdb run of <paramref name="date"/>.</summary>
    public static async Task WriteReferenceDimensionsAsync(this TestLake lake, DateOnly date)
    {
        foreach (var name in LakeLayout.Dimensions)
        {
            var csv = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "processed", "dims-2020", name + ".csv"));
            await lake.WriteDimensionAsync(date, name, csv);
        }
    }
}
