using Microsoft.Extensions.Logging;
using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// The HTML report <c>serve</c> shows at <c>/</c>: the last <see cref="ServeOptions.ReportDays"/> days up to
/// the latest date with processed data, built by the same code as <c>trendingtv report --format html</c>
/// (charts embedded). Built at start and again whenever a run succeeds (requests that arrive while it is
/// being built are folded into one more build). A failed build keeps the previous page.
/// </summary>
public sealed partial class ServedReport(IObjectStore store, TrendingOptions trending, ServeOptions options, TimeProvider time, ILogger<ServedReport> logger)
{
    private readonly SemaphoreSlim _requested = new(0, 1);
    private volatile ReportPage _page = ReportPage.Placeholder("The report is being built.", null);

    /// <summary>The page to serve now.</summary>
    public ReportPage Page => _page;

    /// <summary>Asks for a rebuild (cheap; several requests before the build starts make one build).</summary>
    public void RequestRefresh()
    {
        try
        {
            _requested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A rebuild is already due.
        }
    }

    /// <summary>Builds the page now, then again after each request, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await RefreshAsync(cancellationToken);
                await _requested.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Builds the page from the lake as it is now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await LatestProcessedDateAsync(cancellationToken);
            if (latest is not { } to)
            {
                _page = ReportPage.Placeholder($"No processed data in the lake {store.Root} yet: the report appears once a DAG run has succeeded.", time.GetUtcNow());
                return;
            }

            var from = to.AddDays(1 - options.ReportDays);
            var report = await ReportRunner.BuildAsync(store, trending, from, to, options.ReportTop, cancellationToken);
            var html = HtmlReportWriter.Render(report, HtmlReportWriter.RenderCharts(report));
            _page = new ReportPage(html, from, to, time.GetUtcNow(), null);
            LogBuilt(logger, LakeLayout.Iso(from), LakeLayout.Iso(to));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
            var previous = _page;
            _page = previous.From is null
                ? ReportPage.Placeholder($"The report could not be built: {e.Message}", time.GetUtcNow(), e.Message)
                : previous with { Problem = e.Message };
        }
    }

    /// <summary>The latest date with a partition of tweet_stat, else of tmdb_stat.</summary>
    private async Task<DateOnly?> LatestProcessedDateAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { LakeLayout.TweetStatTable, LakeLayout.TmdbStatTable })
        {
            DateOnly? latest = null;
            await foreach (var item in store.ListAsync(table + "/", cancellationToken))
            {
                if (LakeLayout.TryParsePartition(item.Key, out var found, out var date) && found == table && item.Key.EndsWith(".parquet", StringComparison.Ordinal))
                {
                    latest = latest is { } l && l > date ? l : date;
                }
            }

            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report rebuilt for {From} .. {To}")]
    private static partial void LogBuilt(ILogger logger, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The served report could not be rebuilt; the previous page stays")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
