using Microsoft.Extensions.Logging;

namespace TrendingTv.Streamer.Tests;

/// <summary>A logger that keeps the warnings (and worse) it is given.</summary>
internal sealed class CountingLogger<T> : ILogger<T>
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            lock (_warnings)
            {
                _warnings.Add(formatter(state, exception));
            }
        }
    }
}
