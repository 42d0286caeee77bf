using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Settings;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Snapshot;
using TrendingTv.Tmdb.Selection;

namespace TrendingTv.Tmdb.Commands;

/// <summary>
/// The TMDB command lines of <c>streamer</c>: <c>tmdb [--date yyyy-MM-dd]</c> (the daily snapshot)
/// and <c>shows select [--top 160] [--out file] [--existing file] [--keep-existing] [--no-upload]</c>.
/// Services are resolved only when a command runs, through <c>services</c>, so parsing and
/// <c>--help</c> need no configuration. Exit codes: 0 done; 1 (<see cref="FailureExitCode"/>) the
/// snapshot failed its threshold, or a TMDB, catalogue, lake or file error; 2
/// (<see cref="ConfigurationErrorExitCode"/>) a bad or missing setting, reported as one line
/// <c>Configuration error: …</c> naming the setting (never a credential's value). Errors print
/// one line on stderr; the details (every failed show, the exception) go to stdout and the log.
/// </summary>
public static class TmdbCommands
{
    public const int FailureExitCode = 1;

    public const int ConfigurationErrorExitCode = 2;

    /// <summary>The default of <c>--top</c>: the size of the original pipeline's catalogue.</summary>
    public const int DefaultTop = 160;

    public static IEnumerable<Command> Create(Func<IServiceProvider> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [CreateSnapshotCommand(services), CreateShowsCommand(services)];
    }

    private static Command CreateSnapshotCommand(Func<IServiceProvider> services)
    {
        var dateOption = new Option<DateOnly?>("--date")
        {
            Description = "UTC date whose tmdb_raw file is written (yyyy-MM-dd); default: today (UTC).",
            CustomParser = ParseDate,
        };
        var command = new Command("tmdb", "Snapshot the TMDB details of every catalogue show into tmdb_raw/YYYY/MM/DD/YYYY-MM-DD.json.")
        {
            dateOption,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, services, "TMDB snapshot", async (provider, output, error) =>
        {
            var date = parseResult.GetValue(dateOption)
                ?? DateOnly.FromDateTime(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var summary = await provider.GetRequiredService<TmdbSnapshotter>().RunAsync(date, cancellationToken);
            await output.WriteAsync(summary.Describe());
            if (summary.ExceedsFailureThreshold)
            {
                await error.WriteLineAsync(summary.Headline());
                return FailureExitCode;
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateShowsCommand(Func<IServiceProvider> services)
    {
        var topOption = new Option<int>("--top")
        {
            Description = "How many of TMDB's most popular shows to select.",
            DefaultValueFactory = _ => DefaultTop,
        };
        topOption.Validators.Add(result =>
        {
            var top = result.GetValueOrDefault<int>();
            if (top is < 1 or > TmdbClient.MaxListPages * 20)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--top {top} is out of range (1 to {TmdbClient.MaxListPages * 20})."));
            }
        });
        var outOption = new Option<string?>("--out") { Description = "Also write the catalogue CSV to this file." };
        var existingOption = new Option<string?>("--existing")
        {
            Description = "Catalogue CSV whose rows are kept (default: reference/tv_shows.csv in the lake, else the shipped catalogue).",
        };
        var keepOption = new Option<bool>("--keep-existing") { Description = "Keep existing shows that are no longer in the top, after the selected ones." };
        var noUploadOption = new Option<bool>("--no-upload") { Description = "Do not write reference/tv_shows.csv in the lake." };
        var select = new Command("select", "Select the most popular TMDB shows into the catalogue, keeping hand-edited rows.")
        {
            topOption, outOption, existingOption, keepOption, noUploadOption,
        };
        select.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, services, "Show selection", async (provider, output, _) =>
        {
            var selector = provider.GetRequiredService<TmdbShowSelector>();
            var existing = await selector.LoadExistingAsync(parseResult.GetValue(existingOption), cancellationToken);
            var selection = await selector.SelectAsync(parseResult.GetValue(topOption), existing, parseResult.GetValue(keepOption), cancellationToken);
            var outPath = parseResult.GetValue(outOption);
            var upload = !parseResult.GetValue(noUploadOption);
            await selector.PublishAsync(selection.Catalogue, outPath, upload, cancellationToken);
            await PrintAsync(output, selection, outPath, upload);
            return 0;
        }));
        return new Command("shows", "Manage the tracked-show catalogue.") { select };
    }

    private static async Task PrintAsync(TextWriter output, TmdbShowSelection selection, string? outPath, bool upload)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Selected {selection.Catalogue.Count} shows: {selection.Kept} kept from the existing catalogue, {selection.Added} added, {selection.Dropped.Count} dropped."));
        foreach (var show in selection.Dropped)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  dropped {show.Id} ({show.Name})"));
        }

        if (outPath is not null)
        {
            await output.WriteLineAsync($"Wrote {Path.GetFullPath(outPath)}.");
        }

        if (upload)
        {
            await output.WriteLineAsync($"Wrote {LakeLayout.CatalogueKey} in the lake.");
        }
    }

    /// <summary>
    /// Resolves the services and runs <paramref name="body"/>, turning what can go wrong into an exit
    /// code and one line on stderr: a configuration error (a setting that fails validation or cannot
    /// be read) is 2, any other failure 1 with the exception logged. Cancellation (Ctrl-C, SIGTERM)
    /// propagates, for the host to map to 130 or 143.
    /// </summary>
    private static async Task<int> RunAsync(ParseResult parseResult, Func<IServiceProvider> services, string what, Func<IServiceProvider, TextWriter, TextWriter, Task<int>> body)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        IServiceProvider? provider = null;
        try
        {
            provider = services();
            return await body(provider, output, error);
        }
        catch (Exception e) when (ConfigurationError.Describe(e) is { } setting)
        {
            await error.WriteLineAsync(setting);
            return ConfigurationErrorExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            provider?.GetService<ILoggerFactory>()?.CreateLogger(typeof(TmdbCommands)).LogError(e, "{What} failed.", what);
            await error.WriteLineAsync($"{what} failed: {OneLine(e.Message)}");
            return FailureExitCode;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--date '{text}' is not a date in yyyy-MM-dd form.");
        return null;
    }
}
