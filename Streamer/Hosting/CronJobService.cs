using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// Runs a job on a cron schedule (UTC) until the host stops. A failed run is logged and the next
/// occurrence still runs; a run in progress at shutdown is cancelled.
/// </summary>
public abstract class CronJobService : BackgroundService
{
    private readonly CronExpression _schedule;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected CronJobService(string schedule, TimeProvider time, ILogger logger)
    {
        _schedule = CronExpression.Parse(schedule);
        _time = time;
        _logger = logger;
    }

    protected TimeProvider Time => _time;

    protected ILogger Logger => _logger;

    /// <summary>The job's name, for logs.</summary>
    protected abstract string Name { get; }

    /// <summary>The next run after <paramref name="now"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset now) => _schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            if (NextAfter(now) is not { } next)
            {
                return;
            }

            _logger.LogInformation("{Job}: next run at {Next:u}.", Name, next);
            try
            {
                await Task.Delay(next - now, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "{Job} failed; the next scheduled run will try again.", Name);
            }
        }
    }
}
