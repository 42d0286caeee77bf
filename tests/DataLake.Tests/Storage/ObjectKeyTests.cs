using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Storage;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("reference/tv_shows.csv")]
    [InlineData("tweet_stat/year=2020/month=11/day=2/part-00000.snappy.parquet")]
    [InlineData("with space/and, comma & more.txt")]
    [InlineData("unicode/日本語/ドラマ 🎬.json")]
    [InlineData("dots/..hidden/a..b/.../x")]
    [InlineData(".tmp-like/.config")]
    public void A_relative_slash_separated_key_is_valid(string key)
    {
        Assert.Equal(key, ObjectKey.Validate(key));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("/reference/tv_shows.csv", "it starts with '/'")]
    [InlineData("reference\\tv_shows.csv", "it contains a backslash")]
    [InlineData("..", "it contains a '..' segment")]
    [InlineData("../x", "it contains a '..' segment")]
    [InlineData("a/../b", "it contains a '..' segment")]
    [InlineData("a/..", "it contains a '..' segment")]
    [InlineData(".", "it contains a '.' segment")]
    [InlineData("./a", "it contains a '.' segment")]
    [InlineData("a/./b", "it contains a '.' segment")]
    [InlineData("a//b", "it contains an empty segment ('//')")]
    public void An_invalid_key_is_an_ArgumentException_naming_the_key_and_the_rule(string key, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => ObjectKey.Validate(key));

        Assert.Equal($"Invalid object key '{key}': {rule}. (Parameter 'key')", error.Message);
        Assert.Equal("key", error.ParamName);
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\t')]
    [InlineData('\r')]
    [InlineData('\n')]
    [InlineData('\u001f')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    public void A_control_character_is_refused_and_printed_as_an_escape(char control)
    {
        var error = Assert.Throws<ArgumentException>(() => ObjectKey.Validate($"tweets/a{control}b.json"));

        Assert.Contains($"'tweets/a\\u{(int)control:x4}b.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(control.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_key_also_does_not_end_with_a_slash_though_a_key_shaped_prefix_may()
    {
        Assert.Equal("tweet_stat/year=2020/month=11/day=2/", ObjectKey.Validate("tweet_stat/year=2020/month=11/day=2/"));
        Assert.Equal("dims/date.csv", ObjectKey.ValidateObject("dims/date.csv"));

        var error = Assert.Throws<ArgumentException>(() => ObjectKey.ValidateObject("tweet_stat/year=2020/month=11/day=2/"));
        var rules = Assert.Throws<ArgumentException>(() => ObjectKey.ValidateObject("../x/"));

        Assert.Equal("Invalid object key 'tweet_stat/year=2020/month=11/day=2/': it ends with '/'. (Parameter 'key')", error.Message);
        Assert.Contains("'..'", rules.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_caller_names_the_parameter()
    {
        var error = Assert.Throws<ArgumentException>(() => ObjectKey.Validate("/x", "snapshotKey"));

        Assert.Equal("snapshotKey", error.ParamName);
    }

    [Fact]
    public void A_null_key_is_an_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ObjectKey.Validate(null!));
        Assert.Throws<ArgumentNullException>(() => ObjectKey.ValidatePrefix(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tweets/")]
    [InlineData("tweet_stat/year=2020/month=11/day=1")]
    [InlineData("t")]
    public void A_prefix_may_be_empty_or_end_with_a_slash(string prefix)
    {
        Assert.Equal(prefix, ObjectKey.ValidatePrefix(prefix));
    }

    [Theory]
    [InlineData("/tweets/", "it starts with '/'")]
    [InlineData("../", "it contains a '..' segment")]
    [InlineData("tweets//", "it contains an empty segment ('//')")]
    [InlineData("tweets\\", "it contains a backslash")]
    public void An_invalid_prefix_is_an_ArgumentException_naming_it(string prefix, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => ObjectKey.ValidatePrefix(prefix));

        Assert.Equal($"Invalid key prefix '{prefix}': {rule}. (Parameter 'prefix')", error.Message);
    }
}
