using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        await using var host = TmdbTestHost.Create(server);
        await host.Store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1396,Breaking Bad,#BreakingBad\n404404,Missing,#Missing\n");

        var (exitCode, _, error) = await InvokeAsync(host, "tmdb", "--date", "2026-11-27");

        Assert.Equal(TmdbCommands.FailureExitCode, exitCode);
        Assert.Contains("failed 404404 (Missing)", error, StringComparison.Ordinal);
        Assert.False(await host.Store.ExistsAsync("tmdb_raw/2026/11/27/2026-11-27.json"));
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
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
