using System.Globalization;
using Spectre.Console;

namespace TrendingTv.Cli.Reports;

/// <summary>Writes a <see cref="TrendingReport"/> to the console as Spectre.Console tables.</summary>
public static class ConsoleReportWriter
{
    public static void Write(IAnsiConsole console, TrendingReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.Write(new Rule($"[bold]TrendingTv report {report.From:yyyy-MM-dd} .. {report.To:yyyy-MM-dd}[/]"));
        console.Write(Totals($"Top {report.Top} by posts", report.ByTweets, report.Sources));
        console.Write(Totals($"Top {report.Top} by hashtags", report.ByHashtags, report.Sources));
        console.Write(Totals($"Top {report.Top} by average TMDB popularity", report.ByPopularity, report.Sources));

        var trending = new Table { Title = new TableTitle("Trending per day") }
            .AddColumn("Date").AddColumn("#").AddColumn("Show").AddColumn(new TableColumn("Posts").RightAligned());
        foreach (var source in report.Sources)
        {
            trending.AddColumn(new TableColumn(Markup.Escape(SourceSplit.DisplayName(source))).RightAligned());
        }

        trending.AddColumn(new TableColumn("Baseline").RightAligned()).AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn(new TableColumn("Popularity Δ").RightAligned());
        foreach (var day in report.Trending)
        {
            if (day.Shows.Count == 0)
            {
                trending.AddRow([Day(day.Date), "", $"[grey](not scored: {day.BaselineDays} baseline day(s))[/]", "", .. report.Sources.Select(_ => ""), "", "", ""]);
                continue;
            }

            foreach (var entry in day.Shows.Take(5))
            {
                trending.AddRow(
                [
                    entry.Rank == 1 ? Day(day.Date) : "",
                    entry.Rank.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Name),
                    entry.Count.ToString("N0", CultureInfo.InvariantCulture),
                    .. report.Sources.Select(s => entry.PostsBySource.GetValueOrDefault(s).ToString("N0", CultureInfo.InvariantCulture)),
                    entry.BaselineMean.ToString("N1", CultureInfo.InvariantCulture),
                    entry.Score.ToString("N2", CultureInfo.InvariantCulture),
                    entry.PopularityChange is { } change ? change.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–",
                ]);
            }
        }

        console.Write(trending);
        console.MarkupLine($"[grey]Score: {Markup.Escape(report.ScoreDefinition)}[/]");
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A totals table; each source's posts in a column of its own after the Posts column.</summary>
    private static Table Totals(string title, IReadOnlyList<ShowTotal> totals, IReadOnlyList<string> sources)
    {
        var table = new Table { Title = new TableTitle(title) }
            .AddColumn("#").AddColumn("Show").AddColumn(new TableColumn("Posts").RightAligned());
        foreach (var source in sources)
        {
            table.AddColumn(new TableColumn(Markup.Escape(SourceSplit.DisplayName(source))).RightAligned());
        }

        table.AddColumn(new TableColumn("Hashtags").RightAligned()).AddColumn(new TableColumn("Text").RightAligned())
            .AddColumn(new TableColumn("Avg popularity").RightAligned());
        foreach (var t in totals)
        {
            string[] cells =
            [
                t.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(t.Name),
                t.TweetCount.ToString("N0", CultureInfo.InvariantCulture),
                .. sources.Select(s => t.PostsBySource.GetValueOrDefault(s).ToString("N0", CultureInfo.InvariantCulture)),
                t.HashtagCount.ToString("N0", CultureInfo.InvariantCulture),
                t.TextCount.ToString("N0", CultureInfo.InvariantCulture),
                t.AveragePopularity is { } p ? p.ToString("N1", CultureInfo.InvariantCulture) : "–",
            ];
            table.AddRow(cells);
        }

        return table;
    }
}
