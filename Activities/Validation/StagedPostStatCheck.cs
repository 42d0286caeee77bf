using System.Globalization;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.Activities.Validation;

/// <summary>
/// The rules the staged <c>post_stat</c> rows of a tweet run must keep, beside its <c>tweet_stat</c> rows: every
/// source is a known one (<see cref="PostSources"/>); at most one row per show and source; only tracked shows;
/// a source that has rows has one for every tracked show (zeros included); and for every show the sums over
/// sources equal its tweet_stat counts. A date without posts has no post_stat rows and all-zero tweet_stat rows.
/// </summary>
internal static class StagedPostStatCheck
{
    public static void Check(
        IReadOnlyList<Row> rows,
        IReadOnlyDictionary<long, (long Hashtag, long Text, long Posts)> tweetStat,
        ShowCatalogue catalogue,
        List<string> problems)
    {
        ProcessedDataValidator.Report(
            problems,
            $"post_stat rows with an unknown source (expected {string.Join(", ", PostSources.All)})",
            rows.Where(r => r.Source is null || !PostSources.All.Contains(r.Source)).Select(r => $"id {r.Id} source '{r.Source}'"));
        ProcessedDataValidator.Report(
            problems,
            "post_stat shows with more than one row for a source",
            rows.GroupBy(r => (r.Id, r.Source)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Id} {g.Key.Source} ({g.Count()} rows)"));
        ProcessedDataValidator.Report(
            problems,
            "post_stat rows for ids that are not tracked shows",
            rows.Select(r => r.Id).Distinct().Where(id => catalogue.Find(id) is null).Select(id => id.ToString(CultureInfo.InvariantCulture)));
        foreach (var source in rows.Select(r => r.Source).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var ids = rows.Where(r => r.Source == source).Select(r => r.Id).ToHashSet();
            ProcessedDataValidator.Report(
                problems,
                $"tracked shows without a post_stat row for {source} (the catalogue has {catalogue.Count})",
                catalogue.Shows.Where(s => !ids.Contains(s.Id)).Select(s => $"{s.Id} '{s.Name}'"));
        }

        var sums = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => (Hashtag: g.Sum(r => r.Hashtag), Text: g.Sum(r => r.Text), Posts: g.Sum(r => r.Posts)));
        ProcessedDataValidator.Report(
            problems,
            "shows whose tweet_stat counts are not the sums of their post_stat counts over sources",
            tweetStat
                .Where(t => sums.GetValueOrDefault(t.Key) != t.Value)
                .OrderBy(t => t.Key)
                .Select(t => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{t.Key} (tweet_stat {t.Value.Hashtag}/{t.Value.Text}/{t.Value.Posts}, post_stat sums {sums.GetValueOrDefault(t.Key).Hashtag}/{sums.GetValueOrDefault(t.Key).Text}/{sums.GetValueOrDefault(t.Key).Posts})")));
    }

    /// <summary>One staged post_stat row: a show's counts from one source.</summary>
    public sealed record Row(long Id, string? Source, long Hashtag, long Text, long Posts);
}
