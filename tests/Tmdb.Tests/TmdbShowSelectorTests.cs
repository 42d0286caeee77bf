using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Selection;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbShowSelectorTests
{
    [Theory]
    [InlineData("The Queen's Gambit", "#TheQueensGambit")]
    [InlineData("Grey’s Anatomy", "#GreysAnatomy")]
    [InlineData("The Mandalorian", "#TheMandalorian")]
    [InlineData("9-1-1", "#911")]
    [InlineData("Law & Order: Special Victims Unit", "#LawOrderSpecialVictimsUnit")]
    [InlineData("FROM", "#FROM")]
    [InlineData("the walking dead", "#TheWalkingDead")]
    [InlineData("Marvel's Agents of S.H.I.E.L.D.", "#MarvelsAgentsOfSHIELD")]
    [InlineData("오징어 게임", "#오징어게임")]
    [InlineData("Pokémon", "#Pokémon")]
    [InlineData("!!!", "#")]
    public void Hashtag_is_the_names_letters_and_digits_in_PascalCase(string name, string hashtag)
    {
        Assert.Equal(hashtag, TmdbHashtag.FromName(name));
    }

    [Fact]
    public void Hand_edited_rows_are_kept_and_gain_only_a_missing_original_name()
    {
        var existing = new ShowCatalogue(
        [
            new Show(62286, "Fear the Walking Dead", "#FearTWD"),
            new Show(1416, "Grey's Anatomy", "#GreysAnatomy", phrase: "Greys Anatomy", originalName: "Grey's Anatomy"),
            new Show(2, "You", "#YouNetflix", textMatch: false),
        ]);
        TmdbTvListItem[] popular =
        [
            new() { Id = 2, Name = "YOU", OriginalName = "YOU (orig)" },
            new() { Id = 62286, Name = "Fear The Walking Dead", OriginalName = "Fear The Walking Dead" },
            new() { Id = 1416, Name = "Grey’s Anatomy", OriginalName = "Grey’s Anatomy" },
            new() { Id = 76479, Name = "The Boys", OriginalName = "The Boys" },
        ];

        var selection = TmdbShowSelector.Merge(popular, existing, keepUnselected: false);

        Assert.Equal((3, 1), (selection.Kept, selection.Added));
        Assert.Empty(selection.Dropped);
        Assert.Equal(
            [
                new Show(2, "You", "#YouNetflix", textMatch: false, originalName: "YOU (orig)"),
                new Show(62286, "Fear the Walking Dead", "#FearTWD", originalName: "Fear The Walking Dead"),
                existing.Find(1416)!,
                new Show(76479, "The Boys", "#TheBoys", originalName: "The Boys"),
            ],
            selection.Catalogue.Shows,
            ShowComparer.Instance);
    }

    [Fact]
    public void Existing_shows_outside_the_top_are_dropped_or_kept_on_request()
    {
        var existing = new ShowCatalogue([new Show(1, "Old Favourite", "#OldFav", phrase: "old fav"), new Show(2, "Still Popular", "#StillPopular")]);
        TmdbTvListItem[] popular = [new() { Id = 2, Name = "Still Popular" }, new() { Id = 3, Name = "Newcomer" }];

        var dropping = TmdbShowSelector.Merge(popular, existing, keepUnselected: false);
        var keeping = TmdbShowSelector.Merge(popular, existing, keepUnselected: true);

        Assert.Equal([2L, 3L], dropping.Catalogue.Shows.Select(s => s.Id));
        Assert.Equal([1L], dropping.Dropped.Select(s => s.Id));
        Assert.Equal([2L, 3L, 1L], keeping.Catalogue.Shows.Select(s => s.Id));
        Assert.Same(existing.Find(1), keeping.Catalogue.Find(1));
        Assert.Empty(keeping.Dropped);
    }

    [Fact]
    public void Name_without_letters_gets_a_fallback_hashtag_and_no_text_match_and_still_loads()
    {
        TmdbTvListItem[] popular = [new() { Id = 777, Name = "!!!", OriginalName = "!!!" }, new() { Id = 778, Name = "Tom, \"Jerry\" & Co", OriginalName = "Tom & Jerry" }];

        var selection = TmdbShowSelector.Merge(popular, existing: null, keepUnselected: false);

        var odd = selection.Catalogue.Find(777)!;
        Assert.Equal(("#tv777", false), (odd.Hashtag, odd.TextMatch));
        var reloaded = ShowCatalogue.Load(new StringReader(selection.Catalogue.ToCsv()), "selection");
        Assert.Equal(selection.Catalogue.Shows, reloaded.Shows, ShowComparer.Instance);
    }

    [Fact]
    public async Task Selection_of_the_top_160_round_trips_through_the_catalogue_loader()
    {
        var existing = ShowCatalogue.LoadDefault();
        // TMDB's popular list today: five newcomers at the top, then the catalogue's shows in order.
        var newcomers = new (long Id, string Name, string? OriginalName)[]
        {
            (900001, "The Boys", "The Boys"), (900002, "FROM", "FROM"), (900003, "오징어 게임", "오징어 게임"),
            (900004, "Law & Order: Special Victims Unit", null), (900005, "Grey’s Anatomy", "Grey’s Anatomy"),
        };
        var listed = newcomers.Concat(existing.Shows.Select(s => (s.Id, s.Name, (string?)$"{s.Name} original"))).ToList();
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetPopularPages(TmdbPayloads.PopularPages(listed));
        await using var host = TmdbTestHost.Create(server);
        var outPath = Path.Combine(host.LakeDirectory, "out", "tv_shows.csv");

        var selection = await host.Selector.SelectAsync(160, await host.Selector.LoadExistingAsync(path: null));
        await host.Selector.PublishAsync(selection.Catalogue, outPath);

        Assert.Equal((160, 155, 5), (selection.Catalogue.Count, selection.Kept, selection.Added));
        Assert.Equal(existing.Shows.TakeLast(5).Select(s => s.Id), selection.Dropped.Select(s => s.Id));
        Assert.Equal("#FearTWD", selection.Catalogue.Find(62286)!.Hashtag);
        Assert.Equal(("#오징어게임", "오징어 게임"), (selection.Catalogue.Find(900003)!.Hashtag, selection.Catalogue.Find(900003)!.OriginalName));
        Assert.Equal("#LawOrderSpecialVictimsUnit", selection.Catalogue.Find(900004)!.Hashtag);
        Assert.Equal(8, server.Requests.Count);

        var fromFile = ShowCatalogue.LoadFile(outPath);
        var fromLake = await ShowCatalogue.LoadFromLakeAsync(host.Store);
        Assert.Equal(selection.Catalogue.Shows, fromFile.Shows, ShowComparer.Instance);
        Assert.Equal(selection.Catalogue.Shows, fromLake.Shows, ShowComparer.Instance);
        Assert.Equal(await File.ReadAllBytesAsync(outPath), await host.Store.ReadBytesAsync(LakeLayout.CatalogueKey));
    }

    [Fact]
    public async Task Selection_from_a_short_list_stops_at_its_last_page()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        // TMDB's list has 30 shows on two pages: asking for 160 stops after the second.
        server.SetPopularPages(TmdbPayloads.PopularPages(Enumerable.Range(1, 30).Select(i => ((long)i, $"Show {i}", (string?)null)).ToList()));
        await using var host = TmdbTestHost.Create(server);

        var selection = await host.Selector.SelectAsync(160, existing: null);

        Assert.Equal(30, selection.Catalogue.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    /// <summary>Compares every column a catalogue row has.</summary>
    internal sealed class ShowComparer : IEqualityComparer<Show>
    {
        public static readonly ShowComparer Instance = new();

        public bool Equals(Show? x, Show? y) =>
            x is not null && y is not null &&
            (x.Id, x.Name, x.Hashtag, x.Phrase, x.TextMatch, x.OriginalName) == (y.Id, y.Name, y.Hashtag, y.Phrase, y.TextMatch, y.OriginalName);

        public int GetHashCode(Show obj) => obj.Id.GetHashCode();
    }
}
