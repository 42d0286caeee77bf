using System.Text;
using TrendingTv.Tmdb.Snapshot;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbSnapshotLineTests
{
    private static readonly DateTimeOffset QueryTime = new(2026, 11, 28, 6, 5, 9, TimeSpan.Zero);

    [Fact]
    public void Query_datetime_is_inserted_before_the_final_brace_and_every_other_byte_is_kept()
    {
        // Escapes, number spellings, key order and raw UTF-8 that a re-serialiser would change.
        var body = Encoding.UTF8.GetBytes("""{"id":1,"name":"Caf\u00e9 “Noir” ’s","vote_average":0.0,"popularity":1.50E2,"z":null,"a":[ 1 , 2 ]}""");

        var line = TmdbSnapshotLine.Build(body, QueryTime);

        Assert.Equal(
            Encoding.UTF8.GetBytes("""{"id":1,"name":"Caf\u00e9 “Noir” ’s","vote_average":0.0,"popularity":1.50E2,"z":null,"a":[ 1 , 2 ],"query_datetime":"2026-11-28 06:05:09"}"""),
            line);
    }

    [Fact]
    public void Trailing_whitespace_after_the_object_is_dropped()
    {
        var line = TmdbSnapshotLine.Build("{\"id\":7}  \t"u8, QueryTime);

        Assert.Equal("{\"id\":7,\"query_datetime\":\"2026-11-28 06:05:09\"}", Encoding.UTF8.GetString(line));
    }

    [Theory]
    [InlineData("{}", "{")]
    [InlineData("{ }", "{ ")]
    public void Empty_object_gets_the_property_without_a_comma(string body, string kept)
    {
        var line = Encoding.UTF8.GetString(TmdbSnapshotLine.Build(Encoding.UTF8.GetBytes(body), QueryTime));

        Assert.Equal(kept + "\"query_datetime\":\"2026-11-28 06:05:09\"}", line);
    }

    [Fact]
    public void Pretty_printed_object_becomes_one_line_with_strings_untouched()
    {
        var body = "{\n  \"name\": \"Breaking  Bad\",\r\n  \"quote\": \"say \\\"hi  there\\\" \\\\\",\n  \"a\": [1, 2]\n}\n"u8;

        var line = Encoding.UTF8.GetString(TmdbSnapshotLine.Build(body, QueryTime));

        Assert.Equal("{\"name\":\"Breaking  Bad\",\"quote\":\"say \\\"hi  there\\\" \\\\\",\"a\":[1,2],\"query_datetime\":\"2026-11-28 06:05:09\"}", line);
    }

    [Fact]
    public void Stamp_is_the_UTC_time_of_any_offset()
    {
        var line = TmdbSnapshotLine.Build("{\"id\":1}"u8, new DateTimeOffset(2026, 11, 29, 1, 30, 5, TimeSpan.FromHours(2)));

        Assert.EndsWith("\"query_datetime\":\"2026-11-28 23:30:05\"}", Encoding.UTF8.GetString(line), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"id\":1")]
    public void Body_that_is_not_one_object_is_rejected(string body)
    {
        var error = Assert.Throws<FormatException>(() => TmdbSnapshotLine.Build(Encoding.UTF8.GetBytes(body), QueryTime));

        Assert.Contains("one JSON object", error.Message, StringComparison.Ordinal);
    }
}
