using System.Globalization;
using System.Net;
using System.Text;

namespace TrendingTv.Cli.Reports;

/// <summary>
/// Writes a <see cref="TrendingReport"/> as one self-contained HTML page: the charts are PNGs
/// (ScottPlot) embedded as base64 data URIs, and the same PNGs are saved beside the page.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The page's file name inside the output directory.</summary>
    public const string PageFileName = "report.html";

    /// <summary>Writes the page and the chart files into <paramref name="directory"/>; returns the page's path.</summary>
    public static async Task<string> WriteAsync(TrendingReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var charts = RenderCharts(report);
        foreach (var (file, _, png) in charts)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, file), png, cancellationToken);
        }

        var path = Path.Combine(directory, PageFileName);
        await File.WriteAllTextAsync(path, Render(report, charts), Encoding.UTF8, cancellationToken);
        return path;
    }

    /// <summary>The charts of the report: file name, caption and PNG bytes.</summary>
    public static IReadOnlyList<(string File, string Caption, byte[] Png)> RenderCharts(TrendingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            ("top-posts.png", $"Top {report.Top} shows by posts, stacked by source", ReportCharts.StackedBarChart($"Top {report.Top} by posts", "posts", Names(report.ByTweets), BySource(report))),
            ("top-hashtags.png", $"Top {report.Top} shows by hashtags", ReportCharts.BarChart($"Top {report.Top} by hashtags", "posts with the show's hashtag", Names(report.ByHashtags), report.ByHashtags.Select(t => (double)t.HashtagCount).ToArray())),
            ("top-popularity.png", $"Top {report.Top} shows by average TMDB popularity", ReportCharts.BarChart($"Top {report.Top} by average TMDB popularity", "TMDB popularity", Names(report.ByPopularity), report.ByPopularity.Select(t => t.AveragePopularity ?? 0).ToArray())),
            ("daily-posts.png", "Daily posts of the top shows", ReportCharts.Heatmap("Daily posts of the top shows", report.DailyCounts)),
        ];
    }

    /// <summary>The page's HTML with the given charts embedded.</summary>
    public static string Render(TrendingReport report, IReadOnlyList<(string File, string Caption, byte[] Png)> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var html = new StringBuilder();
        AppendHead(html, $"{Iso(report.From)} .. {Iso(report.To)}");
        AppendCharts(html, charts);
        AppendTrending(html, report);
        AppendTotals(html, report);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendHead(StringBuilder html, string range)
    {
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>TrendingTv {{E(range)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            img { max-width: 100%; border: 1px solid #eee; margin: 0.5em 0; }
            .up { color: #1a7f37; } .down { color: #cf222e; } .muted { color: #777; }
            </style></head><body>
            <h1>TrendingTv: popular and trending shows, {{E(range)}}</h1>
            """);
    }

    private static void AppendCharts(StringBuilder html, IReadOnlyList<(string File, string Caption, byte[] Png)> charts)
    {
        html.Append("<h2>Popular</h2>\n");
        foreach (var (_, caption, png) in charts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption class=\"muted\">{E(caption)}</figcaption></figure>\n");
        }
    }

    /// <summary>The trending table: each date's listed shows, or why the date was not scored.</summary>
    private static void AppendTrending(StringBuilder html, TrendingReport report)
    {
        html.Append("<h2>Trending</h2>\n<p class=\"muted\">Score: ").Append(E(report.ScoreDefinition)).Append(".</p>\n");
        html.Append("<table><tr><th>Date</th><th>#</th><th>Show</th><th>Posts</th>").Append(SourceHeaders(report)).Append("<th>Baseline mean</th><th>Score</th><th>TMDB popularity</th><th>Change</th></tr>\n");
        foreach (var day in report.Trending)
        {
            if (day.Shows.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Iso(day.Date)}</td><td></td><td class=\"muted\" colspan=\"{6 + report.Sources.Count}\">not scored ({day.BaselineDays} baseline day(s) with data)</td></tr>\n");
                continue;
            }

            foreach (var entry in day.Shows)
            {
                var change = entry.PopularityChange switch
                {
                    null => "<td class=\"n muted\">–</td>",
                    > 0 => $"<td class=\"n up\">{entry.PopularityChange.Value.ToString("+0.0", CultureInfo.InvariantCulture)}</td>",
                    < 0 => $"<td class=\"n down\">{entry.PopularityChange.Value.ToString("0.0", CultureInfo.InvariantCulture)}</td>",
                    _ => "<td class=\"n\">0.0</td>",
                };
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(entry.Rank == 1 ? Iso(day.Date) : "")}</td><td class=\"n\">{entry.Rank}</td><td>{E(entry.Name)}</td><td class=\"n\">{entry.Count:N0}</td>{SourceCells(report.Sources, entry.PostsBySource)}<td class=\"n\">{entry.BaselineMean:N1}</td><td class=\"n\">{entry.Score:N2}</td><td class=\"n\">{(entry.Popularity is { } p ? p.ToString("N1", CultureInfo.InvariantCulture) : "–")}</td>{change}</tr>\n");
            }
        }

        html.Append("</table>\n");
    }

    /// <summary>The totals table: the top shows by posts.</summary>
    private static void AppendTotals(StringBuilder html, TrendingReport report)
    {
        html.Append("<h2>Totals</h2>\n<table><tr><th>#</th><th>Show</th><th>Posts</th>")
            .Append(SourceHeaders(report))
            .Append("<th>Hashtags</th><th>Text</th><th>Avg popularity</th></tr>\n");
        foreach (var t in report.ByTweets)
        {
            var split = SourceCells(report.Sources, t.PostsBySource);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{t.Rank}</td><td>{E(t.Name)}</td><td class=\"n\">{t.TweetCount:N0}</td>{split}<td class=\"n\">{t.HashtagCount:N0}</td><td class=\"n\">{t.TextCount:N0}</td><td class=\"n\">{(t.AveragePopularity is { } p ? p.ToString("N1", CultureInfo.InvariantCulture) : "–")}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string SourceHeaders(TrendingReport report) =>
        string.Concat(report.Sources.Select(s => $"<th>{E(SourceSplit.DisplayName(s))}</th>"));

    private static string SourceCells(IReadOnlyList<string> sources, IReadOnlyDictionary<string, long> posts) =>
        string.Concat(sources.Select(s => string.Create(CultureInfo.InvariantCulture, $"<td class=\"n\">{posts.GetValueOrDefault(s):N0}</td>")));

    /// <summary>The top shows' posts per source, one series per source of the report (its display name and values in rank order).</summary>
    private static IReadOnlyList<(string Series, double[] Values)> BySource(TrendingReport report) =>
        [.. report.Sources.Select(s => (SourceSplit.DisplayName(s), report.ByTweets.Select(t => (double)t.PostsBySource.GetValueOrDefault(s)).ToArray()))];

    private static string[] Names(IReadOnlyList<ShowTotal> totals) => totals.Select(t => t.Name).ToArray();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
