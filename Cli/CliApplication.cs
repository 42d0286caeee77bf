using System.CommandLine;
using System.CommandLine.Parsing;
using Serilog;
using TrendingTv.Cli.Application;
using TrendingTv.Cli.Commands;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli;

/// <summary>
/// The <c>trendingtv</c> command tree and the one place that turns how a command ended into an exit
/// code: 0 done, 1 failed, 2 bad usage or configuration, 130 SIGINT, 143 SIGTERM. Every error is one
/// line on stderr; its details go to the log file (<see cref="CliLog"/>).
/// </summary>
public static class CliApplication
{
    /// <summary>How long a command may take to stop after SIGINT/SIGTERM before the process exits anyway.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static RootCommand CreateRootCommand() => new("TrendingTv: popular and trending TV shows from X posts and TMDB")
    {
        DemoCommand.Create(),
        RunCommand.Create(),
        ReportCommand.Create(),
        QueryCommand.Create(),
        RebuildCommand.Create(),
        ServeCommand.Create(),
    };

    /// <summary>Parses and runs one command line with signal handling, error reporting and logging; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        error ??= Console.Error;
        using var logger = CliLog.CreateLogger();
        var log = logger.ForContext("SourceContext", "trendingtv");
        var commandLine = LakeUri.Redact(string.Join(' ', args));
        log.Information("trendingtv {CommandLine}", commandLine);
        using var signals = new TerminationSignals(
            StopGrace,
            (code, signal) =>
            {
                log.Warning("{Signal} received; stopping (exit code {ExitCode})", signal, code);
                error.WriteLine($"Stopping ({signal}); press Ctrl-C again to stop at once.");
            },
            code =>
            {
                log.Warning("Not stopped within {Grace}; exiting with {ExitCode}", StopGrace, code);
                logger.Dispose();
                Environment.Exit(code);
            });
        var exitCode = await InvokeAsync(args, error, log, signals.Token);
        if (signals.ExitCode is { } stopped)
        {
            log.Information("Stopped by a signal; exit code {ExitCode}", stopped);
            return stopped;
        }

        log.Information("Exit code {ExitCode}", exitCode);
        return exitCode;
    }

    /// <summary>A parse error on one line, prefixed with its option's name when the message does not say it.</summary>
    private static string Describe(ParseError error)
    {
        var message = string.Join(' ', error.Message.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        var option = error.SymbolResult switch
        {
            OptionResult result => result.Option.Name,
            ArgumentResult { Parent: OptionResult result } => result.Option.Name,
            _ => null,
        };
        return option is null || message.Contains(option, StringComparison.Ordinal) ? message : $"{option}: {message}";
    }

    private static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter error, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            var parse = CreateRootCommand().Parse(args);
            if (parse.Errors.Count > 0)
            {
                var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["trendingtv"] : new[] { "trendingtv", parse.CommandResult.Command.Name });
                var message = LakeUri.Redact($"Usage error: {string.Join("; ", parse.Errors.Select(Describe))}. See '{command} --help'.");
                log.Warning("{Message}", message);
                await error.WriteLineAsync(message);
                return ExitCodes.Usage;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Error = error }, cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            log.Information(e, "Stopped while {Operation}", "running");
            return ExitCodes.Failure; // replaced by the signal's exit code
        }
        catch (Exception e)
        {
            var (code, message) = FailureReport.Describe(e);
            log.Error(e, "{Message}", message);
            await error.WriteLineAsync(code == ExitCodes.Usage ? message : $"{message} (details: {CliLog.CurrentFile()})");
            return code;
        }
    }
}
