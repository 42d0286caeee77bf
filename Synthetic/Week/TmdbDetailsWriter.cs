using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Synthetic.Week;

/// <summary>
/// A TMDB <c>/3/tv/{id}</c> object for a catalogue show as a snapshot line (with <c>query_datetime</c>),
/// the fields TrendingTv reads plus TMDB's others, keeping TMDB's quirks: <c>first_air_date</c> and a
/// network's <c>origin_country</c> can be empty strings. Stable fields come from the show's own seed;
/// popularity and the vote count are the day's.
/// </summary>
internal static class TmdbDetailsWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = SyntheticJson.WriterOptions.Encoder };

    private static readonly (int Id, string Name)[] Genres =
    [
        (10759, "Action & Adventure"), (16, "Animation"), (35, "Comedy"), (80, "Crime"), (18, "Drama"), (10751, "Family"),
        (9648, "Mystery"), (10765, "Sci-Fi & Fantasy"), (10766, "Soap"), (10768, "War & Politics"), (37, "Western"),
    ];

    private static readonly (int Id, string Name, string Country)[] Networks =
    [
        (213, "Netflix", ""), (49, "HBO", "US"), (2, "ABC", "US"), (16, "CBS", "US"), (6, "NBC", "US"), (19, "FOX", "US"),
        (71, "The CW", "US"), (174, "AMC", "US"), (2739, "Disney+", "US"), (1024, "Prime Video", ""), (453, "Hulu", "US"), (56, "Cartoon Network", "US"),
    ];

    /// <summary>The snapshot line of <paramref name="show"/> (volume rank <paramref name="rank"/>) on day <paramref name="day"/> of the week.</summary>
    public static string Line(Show show, int rank, DateOnly date, int day, double popularity, Random stable)
    {
        var genres = new JsonArray();
        foreach (var genre in Enumerable.Range(0, 1 + stable.Next(3)).Select(_ => Genres[stable.Next(Genres.Length)]).Distinct())
        {
            genres.Add(new JsonObject { ["id"] = genre.Id, ["name"] = genre.Name });
        }

        var network = Networks[stable.Next(Networks.Length)];
        var seasons = 1 + stable.Next(12);
        var episodesPerSeason = 6 + stable.Next(18);
        var firstAir = new DateOnly(1995 + stable.Next(26), 1 + stable.Next(12), 1 + stable.Next(28));
        var voteCount = 200 + stable.Next(15000) + (day * stable.Next(20));
        var name = TmdbName(show);
        var query = date.ToDateTime(new TimeOnly(6, 0)).AddSeconds((rank * 3) + stable.Next(3));
        var item = new JsonObject
        {
            ["adult"] = false,
            ["backdrop_path"] = $"/{Token(stable, 27)}.jpg",
            ["created_by"] = new JsonArray(),
            ["episode_run_time"] = new JsonArray(),
            ["first_air_date"] = stable.Next(20) == 0 ? "" : Iso(firstAir),
            ["genres"] = genres,
            ["homepage"] = "",
            ["id"] = show.Id,
            ["in_production"] = stable.Next(2) == 0,
            ["languages"] = new JsonArray("en"),
            ["last_air_date"] = Iso(date.AddDays(-stable.Next(400))),
            ["name"] = name,
            ["networks"] = new JsonArray(new JsonObject
            {
                ["id"] = network.Id,
                ["logo_path"] = $"/{Token(stable, 27)}.png",
                ["name"] = network.Name,
                ["origin_country"] = network.Country,
            }),
            ["next_episode_to_air"] = null,
            ["number_of_episodes"] = seasons * episodesPerSeason,
            ["number_of_seasons"] = seasons,
            ["origin_country"] = new JsonArray("US"),
            ["original_language"] = "en",
            ["original_name"] = show.OriginalName ?? name,
            ["overview"] = $"{name} is a series tracked by TrendingTv.",
            ["popularity"] = Math.Round(popularity, 3),
            ["poster_path"] = $"/{Token(stable, 27)}.jpg",
            ["production_companies"] = new JsonArray(),
            ["seasons"] = new JsonArray(),
            ["status"] = "Returning Series",
            ["tagline"] = "",
            ["type"] = "Scripted",
            ["vote_average"] = Math.Round(5.5 + (stable.NextDouble() * 3.5), 3),
            ["vote_count"] = voteCount,
            ["query_datetime"] = query.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        return item.ToJsonString(JsonOptions);
    }

    // The original catalogue disambiguates some names ("Dark Netflix"); TMDB knows them by their plain name.
    private static string TmdbName(Show show) => show.Name switch
    {
        "Dark Netflix" => "Dark",
        "Arrow CW" => "Arrow",
        "Blindspot NBC" => "Blindspot",
        "Chernobyl HBO" => "Chernobyl",
        "Utopia Amazon" => "Utopia",
        "The Office TV" => "The Office",
        "Survivor CBS" => "Survivor",
        "The Purge TV" => "The Purge",
        var name => name,
    };

    private static string Token(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[random.Next(62)])]);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
