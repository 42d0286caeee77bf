using TrendingTv.DataLake.Layout;

namespace TrendingTv.DataLake.Tests.Layout;

public sealed class DatasetNamesTests
{
    [Fact]
    public void Every_dataset_name_parses_back_to_it()
    {
        Assert.Equal([Dataset.Tweet, Dataset.Tmdb], DatasetNames.All);
        Assert.All(DatasetNames.All, d => Assert.Equal(d, DatasetNames.Parse(d.Name())));
        Assert.Equal("tweet", Dataset.Tweet.Name());
        Assert.Equal("tmdb", Dataset.Tmdb.Name());
    }

    [Theory]
    [InlineData("tweets", Dataset.Tweet)]
    [InlineData(" TMDB ", Dataset.Tmdb)]
    [InlineData("Tweet", Dataset.Tweet)]
    public void Names_are_read_leniently(string text, Dataset expected)
    {
        Assert.Equal(expected, DatasetNames.Parse(text));
    }

    [Fact]
    public void An_unknown_dataset_is_a_FormatException_naming_it()
    {
        var error = Assert.Throws<FormatException>(() => DatasetNames.Parse("imdb"));

        Assert.Contains("'imdb'", error.Message, StringComparison.Ordinal);
        Assert.False(DatasetNames.TryParse(null, out _));
    }
}
