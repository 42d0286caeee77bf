using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Commands;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbCommandsTests
{
    [Fact]
    public async Task Tmdb_command_writes_the_snapshot_of_the_given_date_and_exits_zero()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShows([(1396, "Breaking Bad"), (1399, "Game of Thrones")]);
        await using var host = TmdbTestHost.Create(server);
        await host.Store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1396,Breaking Bad,#BreakingBad\n1399,Game of Thrones,#GameOfThrones\n");

        var (exitCode, output, _) = await InvokeAsync(host, "tmdb", "--date", "2026-11-27");

        Assert.Equal(0, exitCode);
        Assert.Contains("2 of 2 shows succeeded", output, StringComparison.Ordinal);
        var text = await host.Store.ReadTextAsync("tmdb_raw/2026/11/27/2026-11-27.json");
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Tmdb_command_exits_non_zero_when_too_many_shows_fail()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShows([(1396, "Breaking Bad")]);
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxConcurrency"] = "1" });
        await host.Store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1396,Breaking Bad,#BreakingBad\n404404,Missing,#Missing\n");

        var (exitCode, output, error) = await InvokeAsync(host, "tmdb", "--date", "2026-11-27");

        Assert.Equal(TmdbCommands.FailureExitCode, exitCode);
        Assert.Contains("failed 404404 (Missing)", output, StringComparison.Ordinal);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("TMDB snapshot 2026-11-27: 1 of 2 shows succeeded, 1 failed", line, StringComparison.Ordinal);
        Assert.Contains("nothing uploaded", line, StringComparison.Ordinal);
        Assert.False(await host.Store.ExistsAsync("tmdb_raw/2026/11/27/2026-11-27.json"));
    }

    [Theory]
    [InlineData("tmdb", "Tmdb:AccessToken", null, "Set Tmdb:AccessToken (v4 read-access token) or Tmdb:ApiKey (v3 key).")]
    [InlineData("tmdb", "Tmdb:ApiKey", "v3-key-that-must-not-print", "Set only one of Tmdb:AccessToken and Tmdb:ApiKey.")]
    [InlineData("tmdb", "Tmdb:RequestsPerSecond", "0", "RequestsPerSecond")]
    [InlineData("tmdb", "Tmdb:MaxFailureShare", "1.5", "MaxFailureShare")]
    [InlineData("tmdb", "Tmdb:AttemptTimeout", "abc", "Tmdb:AttemptTimeout")]
    [InlineData("tmdb", "Tmdb:CircuitBreakerBreakDuration", "00:00:00.100", "CircuitBreakerBreakDuration")]
    [InlineData("shows", "Tmdb:BaseUrl", "ftp://tmdb.example", "Tmdb:BaseUrl 'ftp://tmdb.example' is not an http(s) URL.")]
    [InlineData("shows", "Tmdb:MaxConcurrency", "many", "Tmdb:MaxConcurrency")]
    public async Task Configuration_error_exits_2_with_one_line_naming_the_setting(string command, string setting, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lake:Root"] = Path.Combine(Path.GetTempPath(), $"tmdb-config-{Guid.NewGuid():N}"),
            ["Tmdb:AccessToken"] = TmdbTestHost.AccessToken,
            [setting] = value,
        };
        string[] args = command == "tmdb" ? ["tmdb", "--date", "2026-11-27"] : ["shows", "select", "--top", "5", "--no-upload"];

        var (exitCode, output, error) = await InvokeOnHostAsync(settings, args);

        Assert.Equal(TmdbCommands.ConfigurationErrorExitCode, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack frame
        Assert.DoesNotContain(TmdbTestHost.AccessToken, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("v3-key-that-must-not-print", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_TMDB_exits_1_with_one_line_and_no_stack_trace()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxRetryAttempts"] = "1" });
        await server.DisposeAsync();

        var (exitCode, _, error) = await InvokeAsync(host, "shows", "select", "--top", "5", "--no-upload");

        Assert.Equal(TmdbCommands.FailureExitCode, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Show selection failed: TMDB GET 3/tv/popular failed:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(TmdbTestHost.AccessToken, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,name\n1,Missing Hashtag\n")]
    [InlineData("not a catalogue")]
    public async Task Unreadable_existing_catalogue_exits_1_with_one_line(string csv)
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);
        var existing = Path.Combine(host.LakeDirectory, "existing.csv");
        await File.WriteAllTextAsync(existing, csv);

        var (exitCode, _, error) = await InvokeAsync(host, "shows", "select", "--top", "5", "--existing", existing, "--no-upload");

        Assert.Equal(TmdbCommands.FailureExitCode, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Show selection failed: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tmdb_command_rejects_a_malformed_date_before_building_services()
    {
        var built = false;
        var root = new RootCommand();
        foreach (var command in TmdbCommands.Create(() => { built = true; throw new InvalidOperationException("not expected"); }))
        {
            root.Subcommands.Add(command);
        }

        var error = new StringWriter();
        var exitCode = await root.Parse(["tmdb", "--date", "2026-13-01"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.NotEqual(0, exitCode);
        Assert.False(built);
        Assert.Contains("'2026-13-01' is not a date in yyyy-MM-dd form", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_select_writes_the_file_and_the_lake_catalogue()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);
        var outPath = Path.Combine(host.LakeDirectory, "selected.csv");

        var (exitCode, output, _) = await InvokeAsync(host, "shows", "select", "--top", "30", "--out", outPath);

        Assert.Equal(0, exitCode);
        Assert.Contains("Selected 30 shows", output, StringComparison.Ordinal);
        var catalogue = ShowCatalogue.LoadFile(outPath);
        Assert.Equal(30, catalogue.Count);
        Assert.Equal(("The Boys", "#TheBoys"), (catalogue.Shows[0].Name, catalogue.Shows[0].Hashtag));
        Assert.Equal(30, (await ShowCatalogue.LoadFromLakeAsync(host.Store)).Count);
    }

    [Fact]
    public async Task Shows_select_with_no_upload_leaves_the_lake_alone()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);
        var outPath = Path.Combine(host.LakeDirectory, "selected.csv");

        var (exitCode, _, _) = await InvokeAsync(host, "shows", "select", "--top", "5", "--out", outPath, "--no-upload");

        Assert.Equal(0, exitCode);
        Assert.Equal(5, ShowCatalogue.LoadFile(outPath).Count);
        Assert.False(await host.Store.ExistsAsync(LakeLayout.CatalogueKey));
    }

    [Fact]
    public async Task Missing_credentials_fail_at_start_naming_the_settings_not_their_values()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        await using var host = TmdbTestHost.Create(server, withCredential: false);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Tmdb:AccessToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tmdb:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_rate_fails_at_start()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:RequestsPerSecond"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("RequestsPerSecond", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(TmdbTestHost host, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in TmdbCommands.Create(() => host.Services))
        {
            root.Subcommands.Add(command);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await host.DriveAsync(root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }));
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the commands as the streamer hosts them: the services come from a host built and started (options validated) on first use.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> InvokeOnHostAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        IHost? host = null;
        var root = new RootCommand();
        foreach (var command in TmdbCommands.Create(() =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddDataLake();
            builder.Services.AddTmdb();
            host = builder.Build();
            host.StartAsync().GetAwaiter().GetResult();
            return host.Services;
        }))
        {
            root.Subcommands.Add(command);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            host?.Dispose();
        }
    }
}
