using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
            var schedules = Validated(builder.Configuration.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions());
            var metrics = Validated(builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions());
            builder.Services.AddStreamerService(schedules, metrics);
            using var service = builder.Build();
            try
            {
                await service.RunAsync(cancellationToken);
            }
            catch (Exception e) when (CommandHost.LogUnexpected(service.Services, parseResult, e))
            {
                throw; // never reached: the filter logs and declines
            }

            if (service.Services.GetServices<IHostedService>().OfType<CaptureService>().FirstOrDefault()?.Failure is { } failure)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(failure);
                return ExitCodes.Failure;
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private static T Validated<T>(T options)
        where T : class
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? options
            : throw new OptionsValidationException(typeof(T).Name, typeof(T), results.Select(r => r.ErrorMessage ?? "invalid"));
    }
}
