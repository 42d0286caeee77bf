using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net;
using TrendingTv.Fixtures;

namespace TrendingTv.Cli.Tests.Application;

/// <summary>
/// Failures a user can cause or meet (an unwritable --out, unreadable settings, credentials in a lake URI,
/// S3 refusing access) end in one line saying what and where, the documented exit code, details in the log.
/// </summary>
public sealed class FailureMessageTests
{
    private static readonly string[] Report = ["report", "--lake", RepositoryPaths.ReferenceLake, "--from", "2020-11-23", "--to", "2020-12-01"];

    [Theory]
    [InlineData("json", "/proc/no-such-folder")]
    [InlineData("html", "/proc/no-such-folder/report")]
    [InlineData("json", "{file}")]
    [InlineData("html", "{file}/under-a-file")]
    [InlineData("json", "/dev/null/report")]
    public async Task An_unwritable_out_folder_is_a_usage_error_naming_it_before_any_work(string format, string outTemplate)
    {
        using var work = new TemporaryDirectory();
        var file = Path.Combine(work.Path, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var output = outTemplate.Replace("{file}", file, StringComparison.Ordinal);

        var outcome = await CliRun.InProcessAsync([.. Report, "--format", format, "--out", output]);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        Assert.StartsWith($"--out {output}", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lake__MultipartPartSizeMiB", "abc", "Lake:MultipartPartSizeMiB cannot be read as a whole number")]
    [InlineData("Lake__MultipartPartSizeMiB", "4", "Lake:MultipartPartSizeMiB must be between 5 and 512")]
    [InlineData("Lake__ForcePathStyle", "maybe", "Lake:ForcePathStyle cannot be read as true or false")]
    [InlineData("Trending__BaselineDays", "abc", "Trending:BaselineDays cannot be read as a whole number")]
    [InlineData("Trending__BaselineDays", "0", "BaselineDays")]
    [InlineData("Trending__MinimumCount", "-1", "MinimumCount")]
    [InlineData("Lake__Root", "http://host/lake", "Lake:Root: The lake root 'http://host/lake' has an unsupported scheme")]
    [InlineData("Lake__ServiceUrl", "localhost:9000", "Lake:ServiceUrl 'localhost:9000' is not an http(s) URL")]
    public async Task An_unreadable_setting_is_a_configuration_error_naming_it(string variable, string value, string message)
    {
        var (code, _, error) = await CliProcess.RunAsync(["query", "SELECT 1"], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lake", "s3://AKIDLEAK:Sekr1tLeak@bucket")]
    [InlineData("--lake", "s3://AKIDLEAK:wJal/Sekr1tLeak@bucket/lake")]
    [InlineData("--lake", "file://AKIDLEAK:Sekr1tLeak@host/lake")]
    public async Task A_lake_uri_with_credentials_is_refused_without_echoing_them(string option, string value)
    {
        var outcome = await CliRun.InProcessAsync([.. Report[..1], option, value, .. Report[3..]]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("carries credentials", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1tLeak", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDLEAK", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1tLeak", await CliRun.ReadWholeLogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lake_root_setting_with_credentials_is_a_configuration_error_without_echoing_them()
    {
        var (code, output, error) = await CliProcess.RunAsync(["query", "SELECT 1"], new Dictionary<string, string> { ["Lake__Root"] = "s3://AKIDLEAK2:Sekr1tLeak2@bucket" });

        Assert.Equal(2, code);
        Assert.StartsWith("Configuration error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1tLeak2", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1tLeak2", await CliRun.ReadWholeLogAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData(HttpStatusCode.Forbidden, "InvalidAccessKeyId")]
    public async Task S3_refusing_access_is_one_line_naming_the_lake_and_the_status(HttpStatusCode status, string code)
    {
        var (app, address) = await LoopbackHttpApp.StartAsync(web => ((IApplicationBuilder)web).Run(async context =>
        {
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>");
        }));
        await using var _ = app;

        var (exit, _, error) = await CliProcess.RunAsync(
            ["report", "--lake", "s3://guarded-bucket/lake", "--from", "2020-11-23", "--to", "2020-11-29"],
            SignalTests.S3Environment(address));

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("s3://guarded-bucket/lake", line, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Contains("credentials", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_of_a_failure_go_to_the_log_not_to_the_terminal()
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, $"missing-{Guid.NewGuid():N}");

        var outcome = await CliRun.InProcessAsync(["query", "SELECT 1", "--lake", lake]);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.ErrorLines);
        var details = System.Text.RegularExpressions.Regex.Match(line, @"\(details: (?<file>[^)]+)\)$");
        Assert.True(details.Success, line);
        var file = details.Groups["file"].Value;
        Assert.StartsWith(Path.ChangeExtension(CliRun.LogFile, null), file, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(file);
        Assert.Contains($"The lake {lake} does not exist", log, StringComparison.Ordinal);
        Assert.Contains("LakeReadException", log, StringComparison.Ordinal);
        Assert.Contains("   at ", log, StringComparison.Ordinal);
    }
}
