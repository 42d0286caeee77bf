using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;
using TrendingTv.Streamer.Hosting;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// <c>streamer replay FILES [--source x|bluesky] [--rate n] [--hourly-cap n] [--batch-size n] [--ack-file f] [--upload]</c>: saved posts
/// into the store, each received at its created_at; resumes after the last committed line.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CommandHost host)
    {
        var files = new Argument<string[]>("files") { Description = "JSON-lines files: X v1.1 statuses or v2 stream envelopes, or (--source bluesky) Jetstream events.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string>("--source") { Description = "What the files hold: x (posts of X) or bluesky (Jetstream events).", DefaultValueFactory = _ => PostSources.X };
        source.AcceptOnlyFromAmong(PostSources.X, PostSources.Bluesky);
        var rate = new Option<double>("--rate") { Description = "Posts per second; 0 = as fast as possible.", DefaultValueFactory = _ => 0 };
        rate.Validators.Add(r => OptionValues.Check<double>(r, v => v is >= 0 and <= 1_000_000, "--rate must be between 0 (as fast as possible) and 1000000 posts per second."));
        var cap = new Option<int?>("--hourly-cap") { Description = "Posts kept per hour (0 = unlimited; Capture:HourlyCap)." };
        cap.Validators.Add(r => OptionValues.Check<int?>(r, v => v is null or >= 0, "--hourly-cap must be 0 (unlimited) or more."));
        var batch = new Option<int?>("--batch-size") { Description = "Posts per transaction (Capture:BatchSize)." };
        batch.Validators.Add(r => OptionValues.Check<int?>(r, v => v is null or (>= 1 and <= 100_000), "--batch-size must be between 1 and 100000."));
        var ackFile = new Option<string?>("--ack-file") { Description = "Append the id of each post to this file once its transaction has committed (for audits)." };
        var upload = new Option<bool>("--upload") { Description = "Upload every closed hour afterwards." };
        var command = new Command("replay", "Replay saved posts into the capture store; each post is received at its created_at, so it lands in the hour it was created. Resumes after the last committed line.")
        {
            files, source, rate, cap, batch, ackFile, upload,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parseResult.GetValue(cap) is { } c)
            {
                settings[$"{CaptureOptions.SectionName}:{nameof(CaptureOptions.HourlyCap)}"] = c.ToString(CultureInfo.InvariantCulture);
            }

            if (parseResult.GetValue(batch) is { } b)
            {
                settings[$"{CaptureOptions.SectionName}:{nameof(CaptureOptions.BatchSize)}"] = b.ToString(CultureInfo.InvariantCulture);
            }

            return host.RunAsync(
                parseResult,
                services => services.AddCaptureStore().AddUpload(),
                async (provider, output, token) =>
                {
                    var replay = new ReplaySource(
                        parseResult.GetValue(files)!,
                        new ReplayOptions { PostsPerSecond = parseResult.GetValue(rate) },
                        provider.GetRequiredService<TimeProvider>(),
                        provider.GetRequiredService<ILogger<ReplaySource>>(),
                        parseResult.GetValue(source)!);
                    await ReplayAsync(provider, replay, parseResult.GetValue(ackFile), output, token);
                    return parseResult.GetValue(upload) && !token.IsCancellationRequested
                        ? await UploadCommand.UploadAsync(provider, output, token)
                        : ExitCodes.Done;
                },
                cancellationToken,
                settings);
        });
        return command;
    }

    private static async Task ReplayAsync(IServiceProvider provider, ReplaySource source, string? ackPath, TextWriter output, CancellationToken cancellationToken)
    {
        var pipeline = provider.GetRequiredService<CapturePipeline>();
        using var acks = ackPath is null ? null : new AckFile(ackPath);
        pipeline.Committed = acks is null ? null : acks.Append;
        try
        {
            var checkpoints = await provider.GetRequiredService<PostStore>().ReadCheckpointsAsync(cancellationToken);
            var summary = await pipeline.RunAsync(source.ReadAsync(checkpoints, cancellationToken), cancellationToken);
            var read = source.Statistics;
            await output.WriteLineAsync(CommandText.Describe(summary));
            await output.WriteLineAsync(CommandText.Invariant($"Read {read.Posts} posts, {read.NotPosts} non-post lines, {read.Malformed} malformed lines, {read.Quarantined} over-long lines quarantined."));
            foreach (var where in read.QuarantinedLines)
            {
                await output.WriteLineAsync($"  quarantined: {where}");
            }
        }
        finally
        {
            pipeline.Committed = null;
        }
    }
}
