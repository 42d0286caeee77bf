using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Storage;

public sealed class LakeOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_name_a_local_lake()
    {
        var options = new LakeOptions();

        Assert.Empty(Validate(options));
        Assert.True(options.ParseRoot().IsLocal);
        Assert.Equal(16, options.MultipartPartSizeMiB);
    }

    [Theory]
    [InlineData("s3://bucket/lake", "http://127.0.0.1:9000")]
    [InlineData("s3://bucket", "https://s3.eu-west-1.amazonaws.com")]
    [InlineData("s3://bucket", null)]
    [InlineData("/var/lake", null)]
    public void An_s3_or_local_root_with_a_fitting_service_URL_is_valid(string root, string? serviceUrl)
    {
        Assert.Empty(Validate(new LakeOptions { Root = root, ServiceUrl = serviceUrl }));
    }

    [Theory]
    [InlineData("", null, 16, "Lake:Root is required")]
    [InlineData("http://host/lake", null, 16, "Lake:Root: The lake root 'http://host/lake' has an unsupported scheme")]
    [InlineData("s3://B", null, 16, "Lake:Root: The lake root 's3://B' does not name a valid S3 bucket")]
    [InlineData("s3://bucket", "localhost:9000", 16, "Lake:ServiceUrl 'localhost:9000' is not an http(s) URL.")]
    [InlineData("s3://bucket", "ftp://host", 16, "Lake:ServiceUrl 'ftp://host' is not an http(s) URL.")]
    [InlineData("./lake", "http://127.0.0.1:9000", 16, "Lake:ServiceUrl is set but the lake root file://")]
    [InlineData("s3://bucket", null, 4, "Lake:MultipartPartSizeMiB must be between 5 and 512 (MiB).")]
    [InlineData("s3://bucket", null, 513, "Lake:MultipartPartSizeMiB must be between 5 and 512 (MiB).")]
    public void A_bad_setting_is_reported_with_its_name(string root, string? serviceUrl, int partSize, string message)
    {
        var errors = Validate(new LakeOptions { Root = root, ServiceUrl = serviceUrl, MultipartPartSizeMiB = partSize });

        var error = Assert.Single(errors);
        Assert.StartsWith(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDataLake_fails_at_start_naming_the_bad_setting()
    {
        using var host = BuildHost(new() { ["Lake:Root"] = "https://example.com/lake" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Lake:Root", error.Message, StringComparison.Ordinal);
        Assert.Contains("'https://example.com/lake'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDataLake_registers_the_store_the_root_names()
    {
        var folder = Directory.CreateTempSubdirectory("trendingtv-options-");
        try
        {
            using var local = BuildHost(new() { ["Lake:Root"] = folder.FullName });
            using var s3 = BuildHost(new() { ["Lake:Root"] = "s3://bucket/lake", ["Lake:ServiceUrl"] = "http://127.0.0.1:9", ["Lake:Region"] = "us-east-1" });
            await local.StartAsync();
            await s3.StartAsync();

            var localStore = Assert.IsType<LocalDirectoryStore>(local.Services.GetRequiredService<IObjectStore>());
            var s3Store = Assert.IsType<S3ObjectStore>(s3.Services.GetRequiredService<IObjectStore>());

            Assert.Equal(folder.FullName, localStore.Root.LocalPath);
            Assert.Equal("s3://bucket/lake", s3Store.Root.ToString());
            await local.StopAsync();
            await s3.StopAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<ValidationResult> Validate(LakeOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDataLake();
        return builder.Build();
    }
}
