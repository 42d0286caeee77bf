using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrendingTv.Streamer.Hosting;

namespace TrendingTv.Streamer.Commands;

/// <summary><c>streamer run</c>: the service (live capture, hourly upload, daily TMDB snapshot, metrics) until SIGTERM/Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create(CommandHost host)
    {
        var command = new Command("run", "Run the service: live capture, hourly upload and the daily TMDB snapshot on their cron schedules, and the metrics endpoint, until stopped (SIGTERM/Ctrl-C commit the batch in progress).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var builder = host.CreateBuilder(parseResult);
            // Which parts run decides what is registered, so these two sections are read before the host is built.
            var schedules = builder.Configuration.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions();
            var metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
            builder.Services.AddStreamerService(schedules, metrics);
            using var service = builder.Build();
            await service.RunAsync(cancellationToken);
            if (service.Services.GetServices<IHostedService>().OfType<CaptureService>().FirstOrDefault()?.Failure is { } failure)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(failure);
                return ExitCodes.Failure;
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
