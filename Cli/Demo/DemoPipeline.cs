using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using TrendingTv.Cli.Commands;
using TrendingTv.Cli.Reports;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Sources.Bluesky;
using TrendingTv.Streamer.Sources.Replay;
using TrendingTv.Streamer.Upload;
using TrendingTv.Synthetic.Bluesky;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Cli.Demo;

/// <summary>
/// The demo, end to end on one machine: generate a synthetic week; put the catalogue in the lake; replay its X posts through the
/// streamer's capture path (ReplaySource → CapturePipeline → SQLite PostStore); serve its Bluesky events from a
/// loopback Jetstream stand-in and capture them with the real WebSocket client and keep filter (BlueskySource);
/// upload every hour of both sources with the HourlyUploader (raw + canonical files in the lake), all built by the
/// streamer's own DI extensions (<c>AddCaptureStore</c>, <c>AddBlueskySource</c>, <c>AddUpload</c>); put the
/// daily TMDB snapshots in the lake; run both DAGs for every day on the embedded durable host
/// with the configured engine (local DuckDB by default); build the report.
/// </summary>
public sealed class DemoPipeline
{
    private readonly IServiceProvider _services;
    private readonly SyntheticWeekOptions _week;
    private readonly string _workDirectory;
    private readonly int _top;
    private readonly List<DemoStageTiming> _timings = [];
    private long _stage = TimeProvider.System.GetTimestamp();

    public DemoPipeline(IServiceProvider services, SyntheticWeekOptions week, string workDirectory, int top)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _week = week ?? throw new ArgumentNullException(nameof(week));
        _workDirectory = workDirectory;
        _top = top;
    }

    public async Task<DemoResult> RunAsync(ProgressContext progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var lake = _services.GetRequiredService<IObjectStore>();
        var catalogue = ShowCatalogue.LoadDefault();
        var (from, to) = (_week.Start, _week.Start.AddDays(_week.Days - 1));

        // 1. The synthetic week as replay files.
        var generating = progress.AddTask("Generating the synthetic week", maxValue: _week.Days);
        var week = await new SyntheticWeekGenerator(_week, catalogue)
            .WriteAsync(Path.Combine(_workDirectory, "week"), new InlineProgress<DateOnly>(_ => generating.Increment(1)), cancellationToken);
        Lap("generate");

        // 2. The catalogue in the lake first (the Bluesky keep filter reads it there, as the streamer service does); then the
        // streamer path: replay X, stream Bluesky → SQLite capture store → hourly upload, registered as the service registers them.
        await lake.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv(), cancellationToken);
        await using var jetstream = week.BlueskyEvents is null ? null : await JetstreamStandIn.ServeFileAsync(week.BlueskyEvents, cancellationToken);
        await using var streamer = StreamerServices(lake, jetstream?.SubscribeUri);
        var capture = await CaptureXAsync(streamer, week, progress, cancellationToken);
        var bluesky = jetstream is null ? null : await CaptureBlueskyAsync(streamer, jetstream, week.BlueskyEventLines, progress, cancellationToken);
        Lap("capture");
        var uploaded = await UploadAsync(streamer, progress, cancellationToken);

        // 3. The TMDB snapshots (what the streamer's daily TMDB job writes).
        foreach (var (date, file) in week.TmdbFiles)
        {
            await lake.UploadFileAsync(file, LakeLayout.RawTmdbDayKey(date), cancellationToken);
        }

        Lap("upload");

        // 4. Both DAGs for every day on the embedded durable host.
        var runs = await DagRunner.RunAsync(_services, from, to, DatasetNames.All, progress, cancellationToken);
        Lap("dags");

        // 5. The report.
        var reporting = progress.AddTask("Building the report", maxValue: 1);
        var report = await ReportRunner.BuildAsync(lake, _services.GetRequiredService<IOptions<TrendingOptions>>().Value, from, to, _top, cancellationToken);
        reporting.Increment(1);
        Lap("report");
        return new DemoResult(week, capture, bluesky, uploaded.Hours, uploaded.PostsBySource, runs, report, _timings);
    }

    /// <summary>The date of the spikes that topped the trending list on their day, and those that did not.</summary>
    public static IReadOnlyList<(InjectedSpike Spike, int? Rank)> SpikeRanks(DemoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Week.Spikes
            .Select(spike => (spike, result.Report.Trending.FirstOrDefault(d => d.Date == spike.Date)?.Shows.FirstOrDefault(s => s.Id == spike.ShowId)?.Rank))
            .ToArray();
    }

    private void Lap(string name)
    {
        _timings.Add(new DemoStageTiming(name, TimeProvider.System.GetElapsedTime(_stage)));
        _stage = TimeProvider.System.GetTimestamp();
    }

    private async Task<CaptureSummary> CaptureXAsync(ServiceProvider streamer, SyntheticWeekFiles week, ProgressContext progress, CancellationToken cancellationToken)
    {
        var capturing = progress.AddTask("Capturing X posts (replay → SQLite)", maxValue: week.PostLines);
        var pipeline = streamer.GetRequiredService<CapturePipeline>();
        pipeline.Committed = batch => capturing.Increment(batch.Posts.Count);
        var replay = new ReplaySource(week.PostFiles, logger: Logger<ReplaySource>());
        var capture = await pipeline.RunAsync(replay.ReadAsync(cancellationToken), cancellationToken);
        capturing.Value = capturing.MaxValue;
        return capture;
    }

    /// <summary>
    /// Streams the week's Jetstream events from the stand-in through the Bluesky source until every event has been
    /// received, then stops capture, which commits what was read. The client reads one message per request, so
    /// once the stand-in has sent them all and the client has counted them all, the last one is in the pipeline.
    /// </summary>
    private static async Task<CaptureSummary> CaptureBlueskyAsync(
        ServiceProvider streamer, JetstreamStandIn jetstream, long events, ProgressContext progress, CancellationToken cancellationToken)
    {
        var capturing = progress.AddTask("Capturing Bluesky events (Jetstream stand-in → SQLite)", maxValue: Math.Max(1, events));
        var source = streamer.GetRequiredService<BlueskySource>();
        var pipeline = streamer.GetRequiredService<CapturePipeline>();
        pipeline.Committed = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var capture = pipeline.RunAsync(source.ReadAsync(new Dictionary<string, long>(), stop.Token), source.Filtered, stop.Token);
        while (!capture.IsCompleted && (source.Client?.Statistics.Messages ?? 0) < events)
        {
            capturing.Value = source.Client?.Statistics.Messages ?? 0;
            await Task.WhenAny(capture, Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken));
        }

        await stop.CancelAsync();
        capturing.Value = capturing.MaxValue;
        return jetstream.EventsSent >= events ? await capture : throw new InvalidOperationException($"The Jetstream stand-in sent {jetstream.EventsSent} of {events} events.");
    }

    private static async Task<(int Hours, IReadOnlyDictionary<string, long> PostsBySource)> UploadAsync(ServiceProvider streamer, ProgressContext progress, CancellationToken cancellationToken)
    {
        var hours = (await streamer.GetRequiredService<PostStore>().ReadHourCountsAsync(cancellationToken)).Where(h => h.Kept > 0).OrderBy(h => h.Hour).ToArray();
        var uploading = progress.AddTask("Uploading hours to the lake", maxValue: Math.Max(1, hours.Length));
        var uploader = streamer.GetRequiredService<HourlyUploader>();
        var posts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var hour in hours)
        {
            var entry = await uploader.UploadHourAsync(hour.Source, hour.Hour, cancellationToken);
            posts[hour.Source] = posts.GetValueOrDefault(hour.Source) + entry.PostCount;
            uploading.Increment(1);
        }

        return (hours.Length, posts);
    }

    /// <summary>
    /// The streamer's capture store and uploader, through the same extensions as <c>streamer run</c>, over the demo's
    /// lake. The demo's capture store is a scratch file: no fsync per batch (the streamer service keeps Full).
    /// </summary>
    private ServiceProvider StreamerServices(IObjectStore lake, Uri? jetstream)
    {
        var services = new ServiceCollection();
        var settings = new Dictionary<string, string?> { ["Bluesky:Instances:0"] = jetstream?.AbsoluteUri };
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(_services.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(lake);
        services.AddCaptureStore(o =>
        {
            o.DatabasePath = Path.Combine(_workDirectory, "streamer.db");
            o.Synchronous = "Normal";
            o.BatchSize = 5000;
        });
        if (jetstream is not null)
        {
            services.AddBlueskySource();
        }

        services.AddUpload(o => o.WorkDirectory = Path.Combine(_workDirectory, "upload"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private ILogger<T> Logger<T>() => _services.GetRequiredService<ILogger<T>>();

    internal static string Describe(InjectedSpike spike) =>
        string.Create(CultureInfo.InvariantCulture, $"{spike.Name} on {spike.Date:yyyy-MM-dd} (×{spike.Multiplier})");

    /// <summary>An <see cref="IProgress{T}"/> that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
