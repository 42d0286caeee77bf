using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Streamer.Hosting;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Bluesky;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// <c>streamer capture [--source x|bluesky] [--duration d] [--no-rules-sync]</c>: live capture into the store until
/// stopped or the duration elapses. Bluesky needs no credentials; X needs its bearer token. Fails (exit 1) when X
/// refuses the token, or when the source never connected (the outage is recorded as a gap either way).
/// </summary>
internal static class CaptureCommand
{
    public static Command Create(CommandHost host)
    {
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:55:00); default: until stopped." };
        duration.Validators.Add(r => OptionValues.Check<TimeSpan?>(r, d => d is null || (d > TimeSpan.Zero && d <= TimeSpan.FromDays(366)), "--duration must be more than 0 and at most 366.00:00:00."));
        var noSync = new Option<bool>("--no-rules-sync") { Description = "Do not sync the stream rules with the catalogue first." };
        var source = new Option<string>("--source") { Description = "The live source: x (the filtered stream) or bluesky (Jetstream).", DefaultValueFactory = _ => PostSources.X };
        source.AcceptOnlyFromAmong(PostSources.X, PostSources.Bluesky);
        var ackFile = new Option<string?>("--ack-file") { Description = "Append the id of each post to this file once its transaction has committed (for audits)." };
        var command = new Command("capture", "Capture a live source (the X filtered stream or Bluesky's Jetstream) into the store until stopped or --duration elapses.") { source, duration, noSync, ackFile };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(source) == PostSources.Bluesky
            ? CaptureBlueskyAsync(host, parseResult, duration, parseResult.GetValue(ackFile), cancellationToken)
            : host.RunAsync(
            parseResult,
            services => services.AddCaptureStore().AddXSource(),
            async (provider, output, token) =>
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                if (parseResult.GetValue(duration) is { } d)
                {
                    limit.CancelAfter(d);
                }

                if (!parseResult.GetValue(noSync))
                {
                    try
                    {
                        var sync = await provider.GetRequiredService<XRuleSync>().SyncAsync(dryRun: false, limit.Token);
                        await output.WriteLineAsync(CommandText.Invariant($"Rules: {sync.Added.Count} added, {sync.Deleted.Count} deleted, {sync.Kept} kept."));
                    }
                    catch (OperationCanceledException) when (limit.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        // --duration ran out during the sync: capture below ends at once and says so.
                    }
                }

                var result = await provider.GetRequiredService<LiveCapture>().RunAsync(provider.GetRequiredService<XStreamSource>(), limit.Token);
                await output.WriteLineAsync(CommandText.Describe(result.Summary));
                if (!result.Session.EverConnected)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                        $"The X stream never connected ({result.Session.LastFailure ?? "stopped before the first attempt ended"}); the outage is recorded as a gap.");
                    return ExitCodes.Failure;
                }

                return ExitCodes.Done;
            },
            cancellationToken));
        return command;
    }

    private static Task<int> CaptureBlueskyAsync(CommandHost host, ParseResult parseResult, Option<TimeSpan?> duration, string? ackPath, CancellationToken cancellationToken) => host.RunAsync(
        parseResult,
        services => services.AddCaptureStore().AddBlueskySource(),
        async (provider, output, token) =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
            if (parseResult.GetValue(duration) is { } d)
            {
                limit.CancelAfter(d);
            }

            var source = provider.GetRequiredService<BlueskySource>();
            using var acks = ackPath is null ? null : new AckFile(ackPath);
            provider.GetRequiredService<CapturePipeline>().Committed = acks is null ? null : acks.Append;
            var result = await provider.GetRequiredService<LiveCapture>().RunAsync(source, limit.Token);
            await output.WriteLineAsync(CommandText.Describe(result.Summary));
            if (source.Client?.Statistics is { } read)
            {
                await output.WriteLineAsync(CommandText.Invariant(
                    $"Jetstream: {read.Messages} messages ({read.Posts} posts, {read.Reposts} reposts, {read.Deletes} deletes, {read.Identity + read.Account} identity/account, {read.OtherCollection + read.UnknownKind} other, {read.Malformed + read.OverSize} malformed quarantined)."));
            }

            if (!result.Session.EverConnected)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"Jetstream never connected ({result.Session.LastFailure ?? "stopped before the first attempt ended"}); the outage is recorded as a gap.");
                return ExitCodes.Failure;
            }

            return ExitCodes.Done;
        },
        cancellationToken);
}
