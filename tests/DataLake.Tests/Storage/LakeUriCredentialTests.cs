using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>A lake URI with credentials in it is refused, and no message ever repeats the secret.</summary>
public sealed class LakeUriCredentialTests
{
    [Theory]
    [InlineData("s3://AKIDX:Sekr1tValue@bucket", "s3://***@bucket")]
    [InlineData("s3://AKIDX:Sekr1tValue@bucket/lakes/prod", "s3://***@bucket/lakes/prod")]
    [InlineData("s3://AKIAEXAMPLE:wJalr/Sekr1tValue+K7MDENG@bucket/lake", "s3://***@bucket/lake")]
    [InlineData("s3://AKIDX@bucket", "s3://***@bucket")]
    [InlineData("S3://AKIDX:Sekr1tValue@Bucket", "S3://***@Bucket")]
    [InlineData("  s3://AKIDX:Sekr1tValue@bucket  ", "s3://***@bucket")]
    [InlineData("file://user:Sekr1tValue@host/lake", "file://***@host/lake")]
    [InlineData("http://user:Sekr1tValue@minio:9000/lake", "http://***@minio:9000/lake")]
    [InlineData("https://AKIDX:Sekr1tValue@bucket.s3.amazonaws.com/lake", "https://***@bucket.s3.amazonaws.com/lake")]
    public void A_root_with_user_info_is_refused_without_repeating_the_secret(string text, string printed)
    {
        var error = Assert.Throws<FormatException>(() => LakeUri.Parse(text));

        Assert.DoesNotContain("Sekr1tValue", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDX", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{printed}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.False(LakeUri.TryParse(text, out _, out var reason));
        Assert.DoesNotContain("Sekr1tValue", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://AKIDX:Sekr1tValue@bucket")]
    [InlineData("s3://AKIDX:wJalr/Sekr1tValue@bucket/prefix")]
    public void Options_validation_never_repeats_the_secret(string root)
    {
        var options = new LakeOptions { Root = root, ServiceUrl = "http://user:Sekr1tValue@127.0.0.1:9000" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToArray();

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("Sekr1tValue", e.ErrorMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_url_with_user_info_is_refused_without_repeating_it()
    {
        var options = new LakeOptions { Root = "s3://bucket", ServiceUrl = "http://user:Sekr1tValue@127.0.0.1:9000" };

        var error = Assert.Single(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        Assert.Equal("Lake:ServiceUrl 'http://***@127.0.0.1:9000' carries credentials before '@'; give them through the AWS chain instead.", error.ErrorMessage);
    }

    [Theory]
    [InlineData("s3://bucket/folder@2026/lake", "folder@2026/lake")]
    [InlineData("/srv/user@host/lake", null)]
    [InlineData("./lake@home", null)]
    public void An_at_sign_in_a_prefix_or_a_path_is_not_user_info(string text, string? prefix)
    {
        var lake = LakeUri.Parse(text, "/srv");

        Assert.Equal(prefix ?? string.Empty, lake.Prefix);
        Assert.Equal(text, LakeUri.Redact(text));
    }

    [Theory]
    [InlineData("Cannot read s3://AKIDX:Sekr1tValue@bucket/x: denied", "Cannot read s3://***@bucket/x: denied")]
    [InlineData("two: 's3://A:B@one' and \"http://C:D@two/x\"", "two: 's3://***@one' and \"http://***@two/x\"")]
    [InlineData("no uri here", "no uri here")]
    [InlineData("ends with s3://", "ends with s3://")]
    public void Redact_hides_the_user_info_of_every_uri_in_a_text(string text, string expected)
    {
        Assert.Equal(expected, LakeUri.Redact(text));
    }
}
