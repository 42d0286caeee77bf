using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrendingTv.Fixtures.Tmdb;

/// <summary>
/// Real TMDB v3 responses recorded from the live API (TestData/, see its README) and realistic
/// variations generated from them: series details for any id and name, and popular-list pages for
/// any list of shows. Generated bodies are compact UTF-8 JSON with non-ASCII text unescaped, as
/// TMDB itself sends them.
/// </summary>
public static class TmdbPayloads
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>/3/tv/1396</c> (Breaking Bad) exactly as recorded: pretty-printed, with a final newline.</summary>
    public static byte[] TvSeries1396AsRecorded => Read("tv_1396__200.json");

    /// <summary><c>/3/tv/1396</c> as TMDB serves it on the wire: one compact line.</summary>
    public static byte[] TvSeries1396 => ToCompact(TvSeries1396AsRecorded);

    /// <summary>TMDB's 404 body: <c>status_code</c> 34.</summary>
    public static byte[] NotFound => ToCompact(Read("tv_999999999__404.json"));

    /// <summary><c>/3/genre/tv/list</c>: 16 genres.</summary>
    public static byte[] TvGenres => ToCompact(Read("genre_tv_list__200.json"));

    /// <summary><c>/3/tv/popular?page=1</c> and <c>page=2</c> as recorded (20 shows each, 11127 pages in all).</summary>
    public static byte[] PopularPage(int page) => ToCompact(Read(string.Create(CultureInfo.InvariantCulture, $"tv_popular__page-{page}__200.json")));

    /// <summary>A trending-TV page (recorded from <c>/3/trending/tv/week</c>; <c>/day</c> has the same shape).</summary>
    public static byte[] TrendingTv => ToCompact(Read("trending_tv_week__200.json"));

    /// <summary>TMDB's 401 body for a missing or wrong credential (status_code 7).</summary>
    public static byte[] InvalidApiKey => """{"status_code":7,"status_message":"Invalid API key: You must be granted a valid key.","success":false}"""u8.ToArray();

    /// <summary>TMDB's 429 body (status_code 25).</summary>
    public static byte[] RateLimited => """{"status_code":25,"status_message":"Your request count (41) is over the allowed limit of 40.","success":false}"""u8.ToArray();

    /// <summary>
    /// A full series-details object for <paramref name="id"/> and <paramref name="name"/>, made from
    /// the real Breaking Bad object; <paramref name="rank"/> varies the figures, the genres and
    /// networks, and (every 7th) the original language and name. Every 11th has TMDB's quirks:
    /// an empty <c>first_air_date</c> and a network with an empty <c>origin_country</c>.
    /// </summary>
    public static byte[] TvSeries(long id, string name, int rank)
    {
        var node = JsonNode.Parse(TvSeries1396AsRecorded)!.AsObject();
        node["id"] = id;
        node["name"] = name;
        node["original_name"] = rank % 7 == 3 ? $"{name} (원제)" : name;
        node["original_language"] = rank % 7 == 3 ? "ko" : "en";
        node["popularity"] = Math.Round(900.5 - (rank * 3.25), 4);
        node["vote_count"] = 17774 - (rank * 37);
        node["vote_average"] = Math.Round(8.944 - (rank % 30 * 0.05), 3);
        node["number_of_seasons"] = 1 + (rank % 9);
        node["number_of_episodes"] = 8 + (rank * 3 % 200);
        node["last_episode_to_air"]!["show_id"] = id;
        node["genres"] = new JsonArray(
            new JsonObject { ["id"] = 18, ["name"] = "Drama" },
            rank % 2 == 0 ? new JsonObject { ["id"] = 10765, ["name"] = "Sci-Fi & Fantasy" } : new JsonObject { ["id"] = 35, ["name"] = "Comedy" });
        node["networks"] = rank % 11 == 5
            ? new JsonArray(new JsonObject { ["id"] = 3353, ["logo_path"] = null, ["name"] = "Peacock", ["origin_country"] = string.Empty })
            : new JsonArray(new JsonObject { ["id"] = 174 + (rank % 4), ["logo_path"] = "/pmvRmATOCaDykE6JrVoeYxlFHw3.png", ["name"] = $"Network {rank % 4}", ["origin_country"] = "US" });
        if (rank % 11 == 5)
        {
            node["first_air_date"] = string.Empty;
        }

        return Encode(node);
    }

    /// <summary>
    /// Popular-list pages (<paramref name="pageSize"/> a page) listing <paramref name="shows"/> in
    /// order of falling popularity, each entry made from a real popular-list entry.
    /// </summary>
    public static IReadOnlyList<byte[]> PopularPages(IReadOnlyList<(long Id, string Name, string? OriginalName)> shows, int pageSize = 20)
    {
        ArgumentNullException.ThrowIfNull(shows);
        var template = JsonNode.Parse(Read("tv_popular__page-1__200.json"))!["results"]![0]!.ToJsonString();
        var totalPages = Math.Max(1, (shows.Count + pageSize - 1) / pageSize);
        var pages = new List<byte[]>(totalPages);
        for (var page = 0; page < totalPages; page++)
        {
            var results = new JsonArray();
            foreach (var (rank, show) in shows.Index().Skip(page * pageSize).Take(pageSize))
            {
                var item = JsonNode.Parse(template)!.AsObject();
                item["id"] = show.Id;
                item["name"] = show.Name;
                item["original_name"] = show.OriginalName ?? show.Name;
                item["popularity"] = Math.Round(911.3974 - (rank * 4.5), 4);
                results.Add(item);
            }

            pages.Add(Encode(new JsonObject
            {
                ["page"] = page + 1,
                ["results"] = results,
                ["total_pages"] = totalPages,
                ["total_results"] = shows.Count,
            }));
        }

        return pages;
    }

    /// <summary>Re-encodes JSON compactly (TMDB's wire form), non-ASCII text unescaped.</summary>
    public static byte[] ToCompact(byte[] json) => Encode(JsonNode.Parse(json)!);

    /// <summary>The bytes of a file under TestData/.</summary>
    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(TestDataDirectory(), fileName));

    private static byte[] Encode(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    // Copied to the output when the project says so; otherwise read beside this source file
    // (tests/Fixtures/Tmdb/TestData), as tests run from the source tree.
    private static string TestDataDirectory([CallerFilePath] string sourceFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Tmdb", "TestData");
        return Directory.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(sourceFile)!, "TestData");
    }
}
