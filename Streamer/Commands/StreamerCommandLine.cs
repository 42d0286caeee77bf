using System.CommandLine;
using Microsoft.Extensions.Hosting;
using TrendingTv.Tmdb;
using TrendingTv.Tmdb.Commands;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// The <c>streamer</c> command line: <c>run</c> (the service), and single-shot commands for cron users and
/// operators: <c>capture</c>, <c>replay</c>, <c>upload</c>, <c>rules list|sync</c>, <c>status</c>, and the TMDB
/// commands <c>tmdb</c> and <c>shows select</c>. Every command builds its host through <see cref="CommandHost"/>,
/// stops within seconds on SIGINT/SIGTERM after committing what it read, and reports a failure as one line on
/// stderr. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class StreamerCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns its exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        using var signal = new ShutdownSignal();
        var invocation = new Invocation();
        var root = Create(invocation);
        var parseResult = root.Parse(args);
        invocation.ParseResult = parseResult;
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            return ExitCodes.Usage;
        }

        try
        {
            var exitCode = await parseResult.InvokeAsync(
                new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false },
                signal.Token);
            return signal.ExitCode ?? exitCode;
        }
        catch (Exception e) when (signal.ExitCode is { } stopped && e is OperationCanceledException)
        {
            return stopped;
        }
        catch (Exception e)
        {
            var (line, exitCode) = CommandErrors.Describe(e);
            await Console.Error.WriteLineAsync(line);
            return signal.ExitCode ?? exitCode;
        }
        finally
        {
            invocation.Dispose();
        }
    }

    /// <summary>The command tree (for <c>--help</c> and tests); its commands build hosts for <paramref name="invocation"/>.</summary>
    internal static RootCommand Create(Invocation invocation)
    {
        var globals = invocation.Globals;
        var host = new CommandHost(globals);
        var root = new RootCommand("TrendingTv streamer: captures posts into SQLite, uploads closed hours to the lake, snapshots TMDB.");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(RunCommand.Create(host));
        root.Subcommands.Add(CaptureCommand.Create(host));
        root.Subcommands.Add(ReplayCommand.Create(host));
        root.Subcommands.Add(UploadCommand.Create(host));
        root.Subcommands.Add(RulesCommand.Create(host));
        root.Subcommands.Add(StatusCommand.Create(host));
        foreach (var command in TmdbCommands.Create(() => invocation.TmdbServices(host)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>One run of the command line: its parse result and the TMDB host it may build (disposed at the end).</summary>
    internal sealed class Invocation : IDisposable
    {
        private IHost? _tmdbHost;

        public GlobalOptions Globals { get; } = new();

        public ParseResult? ParseResult { get; set; }

        /// <summary>The services of the TMDB commands, built the one way and validated on first use.</summary>
        public IServiceProvider TmdbServices(CommandHost host)
        {
            _tmdbHost ??= host.BuildValidated(
                ParseResult ?? throw new InvalidOperationException("The command line has not been parsed yet."),
                services => services.AddTmdb());
            return _tmdbHost.Services;
        }

        public void Dispose() => _tmdbHost?.Dispose();
    }
}
