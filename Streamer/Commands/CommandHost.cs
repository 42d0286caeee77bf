using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Sources;
using TrendingTv.Streamer.Sources.X;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// The one way the <c>streamer</c> commands build their host: configuration from appsettings.json, an optional
/// <c>--config</c> file, environment variables (<c>X__BearerToken</c>, <c>Lake__Root</c>…), the global options and
/// the command's own settings; logs on stderr (stdout carries the command's output); the lake registered; no signal
/// handlers of its own (<see cref="CommandLifetime"/>: the command line owns SIGINT/SIGTERM). Settings are validated
/// when the host starts, before anything runs.
/// </summary>
internal sealed class CommandHost(GlobalOptions globals)
{
    /// <summary>A host builder with the streamer's configuration sources, the global options and <paramref name="settings"/> applied.</summary>
    public HostApplicationBuilder CreateBuilder(ParseResult parseResult, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (parseResult.GetValue(globals.Config) is { } config)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(config), optional: false);
        }

        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (parseResult.GetValue(globals.Database) is { } db)
        {
            overrides[$"{CaptureOptions.SectionName}:{nameof(CaptureOptions.DatabasePath)}"] = db;
        }

        if (parseResult.GetValue(globals.Lake) is { } lake)
        {
            overrides[$"{LakeOptions.SectionName}:{nameof(LakeOptions.Root)}"] = lake;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A host that fails to start (a bad setting) would log the exception with its stack trace; the command line
        // prints the one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // HttpClient's request logs and Polly's retry events carry whole exception traces; our clients log each failure
        // in one line (and the command prints one), so on the console those categories say only what is serious.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Critical);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddDataLake();
        return builder;
    }

    /// <summary>Builds and starts a host with <paramref name="configure"/>'s services, runs <paramref name="body"/> with the command's token, then stops the host.</summary>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Action<IServiceCollection> configure,
        Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = CreateBuilder(parseResult, settings);
        configure(builder.Services);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            return await body(host.Services, parseResult.InvocationConfiguration.Output, cancellationToken);
        }
        catch (Exception e) when (LogUnexpected(host.Services, parseResult, e))
        {
            throw; // never reached: the filter logs and declines
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Logs an unexpected error of a command with its stack trace (the command line then prints its one line on
    /// stderr). Cancellation, configuration errors and the failures a command expects (a refused token, a busy
    /// store, an X API error, a file named on the command line that does not exist), whose one line says it all,
    /// are not logged. Always false, for use as an exception filter.
    /// </summary>
    public static bool LogUnexpected(IServiceProvider services, ParseResult parseResult, Exception error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(parseResult);
        var expected = error is OperationCanceledException or SourceRefusedException or UploadBusyException or XApiException or FileNotFoundException;
        if (!expected && CommandErrors.Describe(error).ExitCode != ExitCodes.Usage)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger("TrendingTv.Streamer").LogError(error, "streamer {Command} failed.", parseResult.CommandResult.Command.Name);
        }

        return false;
    }

    /// <summary>
    /// A built host whose settings are validated, for code that takes its services synchronously (the TMDB commands):
    /// it runs no hosted services, so it needs no start. The caller disposes it.
    /// </summary>
    public IHost BuildValidated(ParseResult parseResult, Action<IServiceCollection> configure)
    {
        var builder = CreateBuilder(parseResult);
        configure(builder.Services);
        var host = builder.Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
