using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Layout;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// <c>streamer status [--hours n]</c>: per source and hour, what was seen and kept, the upload state and the gaps.
/// Read-only: it opens the store for reading and never creates, migrates or writes anything.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommandHost host)
    {
        var hoursOption = new Option<int>("--hours") { Description = "Show the last N hours (0 = every hour the store knows).", DefaultValueFactory = _ => 48 };
        hoursOption.Validators.Add(r => OptionValues.Check<int>(r, v => v is >= 0 and <= 24 * 366 * 10, "--hours must be between 0 (all) and 87840."));
        var command = new Command("status", "Show the capture store: per source and hour, posts seen and kept, upload state and gaps.") { hoursOption };
        command.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            services =>
            {
                services.AddSingleton(sp => CaptureDatabase.Open(sp.GetRequiredService<IOptions<CaptureOptions>>().Value.DatabasePath, readOnly: true));
                services.AddCaptureStore().AddUpload();
            },
            (provider, output, token) => PrintAsync(provider, output, parseResult.GetValue(hoursOption), token),
            cancellationToken));
        return command;
    }

    private static async Task<int> PrintAsync(IServiceProvider provider, TextWriter output, int lastHours, CancellationToken cancellationToken)
    {
        var store = provider.GetRequiredService<PostStore>();
        var log = provider.GetRequiredService<ConnectionLog>();
        var time = provider.GetRequiredService<TimeProvider>();
        var upload = provider.GetRequiredService<IOptions<UploadOptions>>().Value;
        var now = time.GetUtcNow();
        var states = HourStates.Build(
            await store.ReadHourCountsAsync(cancellationToken),
            await provider.GetRequiredService<UploadLedger>().ReadAsync(cancellationToken),
            await log.ReadSessionsAsync(cancellationToken),
            await log.ReadGapsAsync(cancellationToken),
            LakeLayout.HourOf(now - upload.ClosedHourGrace),
            lastHours == 0 ? DateTimeOffset.MinValue : LakeLayout.HourOf(now).AddHours(-lastHours));
        await output.WriteLineAsync(CommandText.Invariant($"Store {store.Database.DatabasePath}: {await store.CountPostsAsync(cancellationToken)} posts held."));
        await output.WriteLineAsync("source  hour (UTC)            seen      kept  over cap  gap       state");
        foreach (var hour in states)
        {
            await output.WriteLineAsync(CommandText.Invariant(
                $"{hour.Source,-7} {hour.Hour:yyyy-MM-dd HH}:00  {hour.Counts?.Seen ?? 0,8}  {hour.Counts?.Kept ?? 0,8}  {hour.Counts?.OverCap ?? 0,8}  {Gap(hour.Gap),-8}  {hour.State}"));
            foreach (var gap in hour.Gaps)
            {
                await output.WriteLineAsync(CommandText.Invariant($"          gap {gap.Start:yyyy-MM-dd HH:mm:ss} .. {gap.End:HH:mm:ss}{(gap.Open ? " (open)" : string.Empty)}: {gap.Reason}"));
            }
        }

        return ExitCodes.Done;
    }

    private static string Gap(TimeSpan gap) => gap == TimeSpan.Zero ? "-" : gap.ToString(gap.TotalHours >= 1 ? @"hh\:mm\:ss" : @"mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
