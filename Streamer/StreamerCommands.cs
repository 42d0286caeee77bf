using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Replay;
using TrendingTv.Streamer.Upload;
using TrendingTv.Streamer.X;
using TrendingTv.Tmdb;
using TrendingTv.Tmdb.Commands;

namespace TrendingTv.Streamer;

/// <summary>
/// The <c>streamer</c> command line: <c>run</c> (the service), and single-shot commands for cron
/// users and operators: <c>capture</c>, <c>replay</c>, <c>upload</c>, <c>rules list|sync</c>,
/// <c>status</c>, <c>tmdb</c>, <c>shows select</c>. Configuration comes from appsettings.json,
/// an optional <c>--config</c> file, environment variables (<c>X__BearerToken</c>, <c>Lake__Root</c>…)
/// and the command's options, and is validated before anything runs. Exit codes: 0 done,
/// 1 failure (e.g. an hour failed to upload), 2 configuration error.
/// </summary>
public static class StreamerCommands
{
    public const int FailureExitCode = 1;
    public const int ConfigurationErrorExitCode = 2;

    private static readonly Option<string?> ConfigOption = new("--config") { Description = "Extra JSON settings file.", Recursive = true };
    private static readonly Option<string?> DatabaseOption = new("--db") { Description = "The SQLite capture store (Capture:DatabasePath).", Recursive = true };
    private static readonly Option<string?> LakeOption = new("--lake") { Description = "The lake root: a directory or s3://bucket[/prefix] (Lake:Root).", Recursive = true };

    public static RootCommand Create()
    {
        var root = new RootCommand("TrendingTv streamer: captures X posts into SQLite, uploads closed hours to the lake, snapshots TMDB.")
        {
            ConfigOption,
            DatabaseOption,
            LakeOption,
        };
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(CaptureCommand());
        root.Subcommands.Add(ReplayCommand());
        root.Subcommands.Add(UploadCommand());
        root.Subcommands.Add(RulesCommand());
        root.Subcommands.Add(StatusCommand());
        foreach (var command in TmdbCommands.Create(() => (TmdbServices ?? throw new InvalidOperationException("Run through StreamerCommands.InvokeAsync."))()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    // The TMDB commands resolve services lazily through this, built from the parsed global options.
    private static Func<IServiceProvider>? TmdbServices { get; set; }

    /// <summary>Parses and runs; a configuration error prints the failing setting and returns 2.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Create();
        var parseResult = root.Parse(args);
        IHost? tmdbHost = null;
        TmdbServices = () =>
        {
            var builder = CreateBuilder(parseResult);
            builder.Services.AddDataLake();
            builder.Services.AddTmdb();
            tmdbHost = builder.Build();
            tmdbHost.StartAsync().GetAwaiter().GetResult();
            return tmdbHost.Services;
        };
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", e.Failures));
            return ConfigurationErrorExitCode;
        }
        finally
        {
            if (tmdbHost is not null)
            {
                await tmdbHost.StopAsync();
                tmdbHost.Dispose();
            }
        }
    }

    /// <summary>A host builder with the streamer's configuration sources and the global options applied.</summary>
    public static HostApplicationBuilder CreateBuilder(ParseResult parseResult, IDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (parseResult.GetValue(ConfigOption) is { } config)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(config), optional: false);
        }

        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (parseResult.GetValue(DatabaseOption) is { } db)
        {
            settings[$"{CaptureOptions.SectionName}:{nameof(CaptureOptions.DatabasePath)}"] = db;
        }

        if (parseResult.GetValue(LakeOption) is { } lake)
        {
            settings[$"{LakeOptions.SectionName}:{nameof(LakeOptions.Root)}"] = lake;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        // Logs go to stderr; stdout carries command output.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    private static Command RunCommand()
    {
        var command = new Command("run", "Run the service: live capture, hourly upload and the daily TMDB snapshot on their cron schedules, until stopped (SIGTERM/Ctrl+C flush the current batch).");
        command.SetAction(async (parseResult, _) =>
        {
            var builder = CreateBuilder(parseResult);
            var schedules = new ScheduleOptions();
            builder.Configuration.GetSection(ScheduleOptions.SectionName).Bind(schedules);
            builder.Services.AddStreamerService(schedules);
            using var host = builder.Build();
            try
            {
                await host.RunAsync();
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", e.Failures));
                return ConfigurationErrorExitCode;
            }

            return 0;
        });
        return command;
    }

    private static Command CaptureCommand()
    {
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:55:00); default: until stopped." };
        var noSync = new Option<bool>("--no-rules-sync") { Description = "Do not sync the stream rules with the catalogue first." };
        var command = new Command("capture", "Capture the X filtered stream into the store until stopped or --duration elapses.") { duration, noSync };
        command.SetAction((parseResult, _) => WithHostAsync(
            parseResult,
            services => services.AddCaptureStore().AddXClient(),
            async (provider, output, token) =>
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                if (parseResult.GetValue(duration) is { } d)
                {
                    limit.CancelAfter(d);
                }

                var options = provider.GetRequiredService<IOptions<XOptions>>().Value;
                if (!parseResult.GetValue(noSync))
                {
                    var catalogue = await CaptureService.LoadCatalogueAsync(options, provider.GetRequiredService<IObjectStore>(), provider.GetRequiredService<ILogger<CaptureService>>(), limit.Token);
                    var sync = await provider.GetRequiredService<XApiClient>().SyncRulesAsync(RulePlanner.Plan(catalogue, options.MaxRuleLength, options.MaxRules), false, limit.Token);
                    await output.WriteLineAsync(Invariant($"Rules: {sync.Added.Count} added, {sync.Deleted.Count} deleted, {sync.Kept} kept."));
                }

                var store = provider.GetRequiredService<CaptureStore>();
                var time = provider.GetRequiredService<TimeProvider>();
                var session = await store.StartSessionAsync(time.GetUtcNow(), limit.Token);
                var summary = await provider.GetRequiredService<CapturePipeline>().RunAsync(provider.GetRequiredService<XStreamSource>().ReadAsync(limit.Token), limit.Token);
                await store.TouchSessionAsync(session, time.GetUtcNow(), CancellationToken.None);
                await output.WriteLineAsync(Describe(summary));
                return 0;
            }));
        return command;
    }

    private static Command ReplayCommand()
    {
        var files = new Argument<string[]>("files") { Description = "JSON-lines files of X v1.1 statuses or v2 stream envelopes.", Arity = ArgumentArity.OneOrMore };
        var rate = new Option<double>("--rate") { Description = "Posts per second; 0 = as fast as possible.", DefaultValueFactory = _ => 0 };
        var cap = new Option<int?>("--hourly-cap") { Description = "Posts kept per hour (0 = unlimited; Capture:HourlyCap)." };
        var batch = new Option<int?>("--batch-size") { Description = "Posts per transaction (Capture:BatchSize)." };
        var ackFile = new Option<string?>("--ack-file") { Description = "Append the id of each post to this file once its transaction has committed (for audits)." };
        var upload = new Option<bool>("--upload") { Description = "Upload every closed hour afterwards." };
        var command = new Command("replay", "Replay saved posts into the capture store; each post is received at its created_at, so it lands in the hour it was created. Resumes after the last committed line.")
        {
            files, rate, cap, batch, ackFile, upload,
        };
        command.SetAction((parseResult, _) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(cap) is { } c)
            {
                overrides["Capture:HourlyCap"] = c.ToString(CultureInfo.InvariantCulture);
            }

            if (parseResult.GetValue(batch) is { } b)
            {
                overrides["Capture:BatchSize"] = b.ToString(CultureInfo.InvariantCulture);
            }

            return WithHostAsync(
                parseResult,
                services => services.AddCaptureStore(),
                async (provider, output, token) =>
                {
                    var source = new ReplaySource(
                        parseResult.GetValue(files)!,
                        new ReplayOptions { PostsPerSecond = parseResult.GetValue(rate) },
                        provider.GetRequiredService<TimeProvider>(),
                        provider.GetRequiredService<ILogger<ReplaySource>>());
                    var pipeline = provider.GetRequiredService<CapturePipeline>();
                    FileStream? acks = null;
                    if (parseResult.GetValue(ackFile) is { } ackPath)
                    {
                        acks = new FileStream(ackPath, FileMode.Append, FileAccess.Write, FileShare.Read);
                        pipeline.Committed = batch => AppendAcks(acks, batch);
                    }

                    try
                    {
                        var summary = await pipeline.ReplayAsync(source, token);
                        await output.WriteLineAsync(Describe(summary));
                        await output.WriteLineAsync(Invariant($"Read {source.Statistics.Posts} posts, {source.Statistics.NotPosts} non-post lines, {source.Statistics.Malformed} malformed lines."));
                    }
                    finally
                    {
                        pipeline.Committed = null;
                        if (acks is not null)
                        {
                            await acks.DisposeAsync();
                        }
                    }

                    return parseResult.GetValue(upload) && !token.IsCancellationRequested
                        ? await UploadAsync(provider, output, token)
                        : 0;
                },
                overrides);
        });
        return command;
    }

    private static Command UploadCommand()
    {
        var command = new Command("upload", "Upload every closed hour not yet in the ledger (raw and canonical files, verified), record empty hours, purge after retention.");
        command.SetAction((parseResult, _) => WithHostAsync(parseResult, services => services.AddCaptureStore(), UploadAsync));
        return command;
    }

    private static Command RulesCommand()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would change." };
        var sync = new Command("sync", "Make the stream's rules match the catalogue (one rule per show, tagged with its id).") { dryRun };
        sync.SetAction((parseResult, _) => WithHostAsync(
            parseResult,
            services => services.AddCaptureStore().AddXClient(),
            async (provider, output, token) =>
            {
                var options = provider.GetRequiredService<IOptions<XOptions>>().Value;
                var catalogue = await CaptureService.LoadCatalogueAsync(options, provider.GetRequiredService<IObjectStore>(), provider.GetRequiredService<ILogger<CaptureService>>(), token);
                var result = await provider.GetRequiredService<XApiClient>().SyncRulesAsync(RulePlanner.Plan(catalogue, options.MaxRuleLength, options.MaxRules), parseResult.GetValue(dryRun), token);
                foreach (var rule in result.Deleted)
                {
                    await output.WriteLineAsync($"- [{rule.Tag}] {rule.Value}");
                }

                foreach (var rule in result.Added)
                {
                    await output.WriteLineAsync($"+ [{rule.Tag}] {rule.Value}");
                }

                await output.WriteLineAsync(Invariant($"{result.Added.Count} added, {result.Deleted.Count} deleted, {result.Kept} kept{(parseResult.GetValue(dryRun) ? " (dry run)" : string.Empty)}."));
                return 0;
            }));
        var list = new Command("list", "List the stream's rules.");
        list.SetAction((parseResult, _) => WithHostAsync(
            parseResult,
            services => services.AddCaptureStore().AddXClient(),
            async (provider, output, token) =>
            {
                foreach (var rule in await provider.GetRequiredService<XApiClient>().ListRulesAsync(token))
                {
                    await output.WriteLineAsync($"{rule.Id} [{rule.Tag}] {rule.Value}");
                }

                return 0;
            }));
        return new Command("rules", "The X filtered-stream rules.") { sync, list };
    }

    private static Command StatusCommand()
    {
        var command = new Command("status", "Show the capture store: posts per hour, upload ledger and disconnect gaps.");
        command.SetAction((parseResult, _) => WithHostAsync(
            parseResult,
            services => services.AddCaptureStore(),
            async (provider, output, token) =>
            {
                var store = provider.GetRequiredService<CaptureStore>();
                var ledger = (await store.ReadLedgerAsync(token)).ToDictionary(e => e.Hour);
                await output.WriteLineAsync(Invariant($"Store {store.DatabasePath}: {await store.CountPostsAsync(token)} posts held."));
                foreach (var hour in await store.ReadHourCountsAsync(token))
                {
                    var state = ledger.TryGetValue(hour.Hour, out var entry)
                        ? entry.PostCount == hour.Captured ? $"uploaded {entry.UploadedAt:u}{(entry.Purged ? ", purged" : string.Empty)}" : $"uploaded {entry.PostCount}, {hour.Captured - entry.PostCount} new since"
                        : "not uploaded";
                    await output.WriteLineAsync(Invariant($"{hour.Hour:yyyy-MM-dd HH}:00  {hour.Captured,8} posts  {hour.OverCap,6} over cap  {state}"));
                }

                foreach (var gap in await store.ReadGapsAsync(token))
                {
                    await output.WriteLineAsync(Invariant($"gap {gap.Start:u} .. {gap.End:u} ({gap.Duration}): {gap.Reason}"));
                }

                return 0;
            }));
        return command;
    }

    private static async Task<int> UploadAsync(IServiceProvider provider, TextWriter output, CancellationToken token)
    {
        var summary = await provider.GetRequiredService<HourlyUploader>().UploadClosedHoursAsync(token);
        foreach (var entry in summary.Uploaded)
        {
            await output.WriteLineAsync(Invariant($"{entry.Hour:yyyy-MM-dd HH}:00  {entry.PostCount} posts -> {entry.RawKey}, {entry.CanonicalKey}"));
        }

        await output.WriteLineAsync(Invariant($"{summary.Uploaded.Count} hours uploaded, {summary.EmptyHours.Count} empty hours recorded, {summary.FailedHours.Count} failed, {summary.Purged} posts purged."));
        return summary.Succeeded ? 0 : FailureExitCode;
    }

    private static async Task<int> WithHostAsync(
        ParseResult parseResult,
        Action<IServiceCollection> configure,
        Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> body,
        IDictionary<string, string?>? overrides = null)
    {
        var builder = CreateBuilder(parseResult, overrides);
        configure(builder.Services);
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", e.Failures));
            return ConfigurationErrorExitCode;
        }

        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            return await body(host.Services, parseResult.InvocationConfiguration.Output, stopping);
        }
        catch (Exception e) when (e is XApiException or InvalidOperationException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return FailureExitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static void AppendAcks(FileStream acks, CommittedBatch batch)
    {
        var overCap = batch.Result.OverCapIds.Count == 0 ? null : batch.Result.OverCapIds.ToHashSet();
        var text = new StringBuilder();
        foreach (var post in batch.Posts)
        {
            if (overCap is null || !overCap.Contains(post.Id))
            {
                text.Append(post.Id.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        acks.Write(bytes);
        acks.Flush();
    }

    private static string Describe(CaptureSummary summary) =>
        Invariant($"Committed {summary.Inserted} new posts ({summary.Duplicates} duplicates, {summary.OverCap} over the hourly cap) in {summary.Batches} batches, {summary.PayloadBytes / 1e6:0.0} MB in {summary.Elapsed.TotalSeconds:0.0} s.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
