using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Storage;

public sealed class LakeUriTests
{
    [Theory]
    [InlineData("./lake", "/srv/app/lake")]
    [InlineData("lake", "/srv/app/lake")]
    [InlineData("../lakes/prod", "/srv/lakes/prod")]
    [InlineData("/abs/lake", "/abs/lake")]
    [InlineData("/abs/lake/", "/abs/lake")]
    [InlineData("  /abs/lake  ", "/abs/lake")]
    [InlineData("file:///abs/lake", "/abs/lake")]
    [InlineData("file:///abs/lake/", "/abs/lake")]
    [InlineData("FILE:///abs/with%20space", "/abs/with space")]
    public void A_directory_or_file_URI_is_a_local_lake(string text, string directory)
    {
        var lake = LakeUri.Parse(text, "/srv/app");

        Assert.Equal(LakeKind.Local, lake.Kind);
        Assert.True(lake.IsLocal);
        Assert.Equal(directory, lake.LocalPath);
        Assert.Null(lake.Bucket);
        Assert.Equal(string.Empty, lake.Prefix);
    }

    [Fact]
    public void A_relative_directory_resolves_against_the_current_directory_by_default()
    {
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "lake"), LakeUri.Parse("./lake").LocalPath);
    }

    [Fact]
    public void A_local_lake_prints_as_a_file_URI_and_names_its_objects()
    {
        var lake = LakeUri.Parse("/abs/my lake");

        Assert.Equal("file:///abs/my%20lake", lake.ToString());
        Assert.Equal("file:///abs/my%20lake/reference/tv_shows.csv", lake.UriOf("reference/tv_shows.csv"));
        Assert.Equal(Path.Combine("/abs/my lake", "tweets", "2020", "x.jsonl"), lake.LocalPathOf("tweets/2020/x.jsonl"));
        Assert.Equal(lake, LakeUri.Parse(lake.ToString()));
    }

    [Theory]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://bucket/", "bucket", "")]
    [InlineData("s3://bucket/prefix", "bucket", "prefix")]
    [InlineData("s3://bucket/prefix/", "bucket", "prefix")]
    [InlineData("s3://my.bucket-01/lakes/prod/", "my.bucket-01", "lakes/prod")]
    [InlineData("S3://bucket/p", "bucket", "p")]
    [InlineData(" s3://abc ", "abc", "")]
    public void An_s3_URI_is_a_bucket_and_a_prefix_without_slashes_at_either_end(string text, string bucket, string prefix)
    {
        var lake = LakeUri.Parse(text);

        Assert.Equal(LakeKind.S3, lake.Kind);
        Assert.False(lake.IsLocal);
        Assert.Equal(bucket, lake.Bucket);
        Assert.Equal(prefix, lake.Prefix);
        Assert.Null(lake.LocalPath);
    }

    [Fact]
    public void An_s3_lake_prints_as_its_URI_and_names_its_objects()
    {
        var withPrefix = LakeUri.Parse("s3://bucket/lakes/prod/");
        var atRoot = LakeUri.Parse("s3://bucket");

        Assert.Equal("s3://bucket/lakes/prod", withPrefix.ToString());
        Assert.Equal("s3://bucket/lakes/prod/dims/date.csv", withPrefix.UriOf("dims/date.csv"));
        Assert.Equal("s3://bucket", atRoot.ToString());
        Assert.Equal("s3://bucket/dims/date.csv", atRoot.UriOf("dims/date.csv"));
        Assert.Equal(withPrefix, LakeUri.Parse("s3://bucket/lakes/prod"));
        Assert.Throws<InvalidOperationException>(() => withPrefix.LocalPathOf("dims/date.csv"));
    }

    [Theory]
    [InlineData("s3://", "valid S3 bucket")]
    [InlineData("s3:///prefix", "valid S3 bucket")]
    [InlineData("s3://ab", "valid S3 bucket")]
    [InlineData("s3://Bucket", "valid S3 bucket")]
    [InlineData("s3://my_bucket", "valid S3 bucket")]
    [InlineData("s3://-bucket", "valid S3 bucket")]
    [InlineData("s3://bucket-", "valid S3 bucket")]
    [InlineData("s3://my..bucket", "valid S3 bucket")]
    [InlineData("s3://bucket:9000/lake", "valid S3 bucket")]
    [InlineData("s3://bucket/lake/../other", "invalid key prefix")]
    [InlineData("s3://bucket/lake\\x", "invalid key prefix")]
    [InlineData("http://localhost:9000/bucket", "unsupported scheme")]
    [InlineData("https://bucket.s3.amazonaws.com/lake", "unsupported scheme")]
    [InlineData("s3a://bucket/lake", "unsupported scheme")]
    [InlineData("ftp://host/lake", "unsupported scheme")]
    [InlineData("file://server/share/lake", "not a local file URI")]
    public void A_bad_root_is_a_FormatException_that_quotes_it_and_says_why(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => LakeUri.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_root_is_a_FormatException_that_lists_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => LakeUri.Parse(text));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://bucket[/prefix]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_reason_instead_of_throwing()
    {
        Assert.False(LakeUri.TryParse("http://x/lake", out var lake, out var error));
        Assert.Null(lake);
        Assert.Contains("'http://x/lake'", error, StringComparison.Ordinal);

        Assert.False(LakeUri.TryParse(null, out _, out var empty));
        Assert.Contains("empty", empty, StringComparison.Ordinal);

        Assert.True(LakeUri.TryParse("s3://bucket/lake", out var parsed, out var none));
        Assert.Equal("lake", parsed!.Prefix);
        Assert.Null(none);
    }

    [Fact]
    public void A_local_directory_with_a_control_character_is_refused()
    {
        Assert.Throws<FormatException>(() => LakeUri.Local("/abs/la\nke"));
    }

    [Fact]
    public void Object_URIs_validate_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() => LakeUri.Parse("s3://bucket").UriOf("../x"));

        Assert.Contains("'../x'", error.Message, StringComparison.Ordinal);
    }
}
