using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Commands;

/// <summary><c>streamer upload</c>: every closed hour not yet in the ledger, verified; empty hours recorded; purge after retention.</summary>
internal static class UploadCommand
{
    public static Command Create(CommandHost host)
    {
        var command = new Command("upload", "Upload every closed hour not yet in the ledger (raw and canonical files, verified), record hours connected throughout without posts as empty, purge after retention. One upload per store at a time.");
        command.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            services => services.AddCaptureStore().AddUpload(),
            UploadAsync,
            cancellationToken));
        return command;
    }

    /// <summary>Uploads and prints what was done; 1 when an hour failed.</summary>
    public static async Task<int> UploadAsync(IServiceProvider provider, TextWriter output, CancellationToken cancellationToken)
    {
        var summary = await provider.GetRequiredService<HourlyUploader>().UploadClosedHoursAsync(cancellationToken);
        foreach (var entry in summary.Uploaded)
        {
            await output.WriteLineAsync(CommandText.Invariant($"{entry.Source} {entry.Hour:yyyy-MM-dd HH}:00  {entry.PostCount} posts -> {entry.RawKey}, {entry.CanonicalKey}"));
        }

        foreach (var (source, hour) in summary.FailedHours)
        {
            await output.WriteLineAsync(CommandText.Invariant($"{source} {hour:yyyy-MM-dd HH}:00  FAILED (see the log; retried next run)"));
        }

        await output.WriteLineAsync(CommandText.Invariant($"{summary.Uploaded.Count} hours uploaded, {summary.EmptyHours.Count} empty hours recorded, {summary.FailedHours.Count} failed, {summary.Purged} posts purged."));
        return summary.Succeeded ? ExitCodes.Done : ExitCodes.Failure;
    }
}
