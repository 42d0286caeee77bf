using Spectre.Console;
using TrendingTv.DataLake.Storage;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Reports;

/// <summary>Reads the lake, builds the report and writes it in the chosen format (used by <c>report</c> and <c>demo</c>).</summary>
public static class ReportRunner
{
    public static Task<TrendingReport> BuildAsync(IObjectStore store, TrendingOptions options, DateOnly from, DateOnly to, int top, CancellationToken cancellationToken = default) =>
        BuildAsync(store, options, from, to, top, _ => { }, cancellationToken);

    /// <summary>Builds the report; <paramref name="warn"/> hears of skipped files and dates without data.</summary>
    /// <exception cref="LakeReadException">The lake cannot be read, or has no data at all in the range.</exception>
    public static async Task<TrendingReport> BuildAsync(
        IObjectStore store, TrendingOptions options, DateOnly from, DateOnly to, int top, Action<string> warn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        using var tables = await LakeDatabase.OpenAsync(store, LakeAccess.Sandboxed, cancellationToken);
        var input = await ReportDataLoader.LoadAsync(tables, from, to, options.BaselineDays, warn, cancellationToken);
        return new ReportBuilder(options).Build(input, from, to, top);
    }

    /// <summary>Writes <paramref name="report"/>: <c>table</c> to the console, <c>json</c> to a file in <paramref name="outDirectory"/>
    /// or standard output, <c>html</c> to <paramref name="outDirectory"/> (default <c>./report</c>). Returns the file written, if any.</summary>
    public static async Task<string?> WriteAsync(TrendingReport report, string format, string? outDirectory, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        switch (format)
        {
            case "table":
                ConsoleReportWriter.Write(console, report);
                return null;
            case "json" when outDirectory is null:
                await using (var stdout = Console.OpenStandardOutput())
                {
                    await JsonReportWriter.WriteAsync(report, stdout, cancellationToken);
                }

                Console.WriteLine();
                return null;
            case "json":
                Directory.CreateDirectory(outDirectory);
                var jsonPath = Path.Combine(outDirectory, "report.json");
                var partPath = jsonPath + ".part";
                await using (var file = File.Create(partPath))
                {
                    await JsonReportWriter.WriteAsync(report, file, cancellationToken);
                }

                File.Move(partPath, jsonPath, overwrite: true);

                console.MarkupLineInterpolated($"Wrote [link]{Path.GetFullPath(jsonPath)}[/]");
                return jsonPath;
            case "html":
                var page = await HtmlReportWriter.WriteAsync(report, outDirectory ?? "report", cancellationToken);
                console.MarkupLineInterpolated($"Wrote [link]{Path.GetFullPath(page)}[/]");
                return page;
            default:
                throw new ArgumentException($"Unknown report format '{format}'; expected table, json or html.", nameof(format));
        }
    }
}
