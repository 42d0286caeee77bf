using System.Text.Json;
using TrendingTv.Cli.Reports;

namespace TrendingTv.Cli.Tests.Reports;

public class ReportOutputTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Report_command_writes_json_with_the_rankings_and_the_trending_days()
    {
        using var output = new TemporaryDirectory();

        var exit = (await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-11-23", "--to", "2020-12-01", "--top", "3", "--format", "json", "--out", output.Path])).ExitCode;

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "report.json")));
        var root = json.RootElement;
        Assert.Equal("2020-11-23", root.GetProperty("from").GetString());
        Assert.Equal(
            ["The Mandalorian", "The Undoing", "Supernatural"],
            root.GetProperty("byHashtags").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(9, root.GetProperty("trending").GetArrayLength());
        Assert.Contains("sqrt(m + 1)", root.GetProperty("scoreDefinition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_command_writes_an_html_page_with_the_four_charts_embedded_as_png()
    {
        using var output = new TemporaryDirectory();

        var exit = (await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-11-23", "--to", "2020-12-01", "--top", "10", "--format", "html", "--out", output.Path])).ExitCode;

        Assert.Equal(0, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(output.Path, HtmlReportWriter.PageFileName));
        var images = html.Split("src=\"data:image/png;base64,")[1..].Select(part => Convert.FromBase64String(part[..part.IndexOf('"', StringComparison.Ordinal)])).ToArray();
        Assert.Equal(4, images.Length);
        Assert.All(images, png => Assert.Equal(PngSignature, png[..8]));
        Assert.All(images, png => Assert.True(png.Length > 5000, $"a chart of {png.Length} bytes is too small to hold a plot"));
        Assert.Contains("The Mandalorian", html, StringComparison.Ordinal);
        Assert.Contains("Trending", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output.Path, "daily-posts.png")));
    }

    [Fact]
    public async Task A_reversed_range_exits_with_a_usage_error()
    {
        var exit = (await CliRun.InProcessAsync(["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-12-01", "--to", "2020-11-23"])).ExitCode;

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task A_malformed_date_is_a_parse_error_naming_the_option()
    {
        var parse = CliApplication.CreateRootCommand().Parse(["report", "--from", "2020-13-01", "--to", "2020-12-01"]);

        var error = Assert.Single(parse.Errors);
        Assert.Contains("--from", error.Message, StringComparison.Ordinal);
        Assert.Contains("2020-13-01", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
