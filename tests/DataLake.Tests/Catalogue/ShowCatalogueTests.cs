using Microsoft.Extensions.Logging;
using Moq;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Catalogue;

public sealed class ShowCatalogueTests
{
    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Catalogue", name);

    [Theory]
    [InlineData("missing_id_on_line_3.csv", 3, "missing id")]
    [InlineData("non_numeric_id_on_line_4.csv", 4, "id 'tt0944947' is not a positive whole number")]
    [InlineData("blank_lines_then_negative_id_on_line_6.csv", 6, "id '-5' is not a positive whole number")]
    [InlineData("quoted_newline_then_zero_id_on_line_5.csv", 5, "id '0' is not a positive whole number")]
    [InlineData("duplicate_id_on_line_5_first_on_line_2.csv", 5, "duplicate id 71712 (first on line 2)")]
    [InlineData("empty_name_on_line_3.csv", 3, "empty name for id 82856")]
    [InlineData("hashtag_empty_after_normalisation_on_line_3.csv", 3, "hashtag '#' of id 82856 is empty after normalisation")]
    [InlineData("bad_text_match_on_line_3.csv", 3, "text_match 'maybe' of id 82856 is not true or false")]
    [InlineData("missing_hashtag_column.csv", 1, "the header has no 'hashtag' column (it has: id,name)")]
    [InlineData("header_only.csv", 2, "the catalogue has no shows")]
    [InlineData("empty.csv", 1, "the file is empty; expected a header 'id,name,hashtag'")]
    public void A_malformed_catalogue_is_rejected_naming_the_file_the_line_and_the_problem(string file, int line, string problem)
    {
        var path = TestData(file);

        var error = Assert.Throws<CatalogueException>(() => ShowCatalogue.LoadFile(path));

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(problem, error.Problem);
        Assert.Equal(path, error.Source);
        Assert.Equal($"{path}, line {line}: {problem}", error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Theory]
    [InlineData("id,name,hashtag\n1,A,#A\n2,B,#B\n2,C,#C\n", 4, "duplicate id 2 (first on line 3)")]
    [InlineData("id,name,hashtag\n1,A,#A\n2,,#B\n", 3, "empty name for id 2")]
    [InlineData("id,name,hashtag\n1,A,\n", 2, "hashtag '' of id 1 is empty after normalisation")]
    [InlineData("id,name,hashtag\n1,A,#A\n1.5,B,#B\n", 3, "id '1.5' is not a positive whole number")]
    [InlineData("id,name,hashtag\n1,A,#A\n99999999999999999999,B,#B\n", 3, "id '99999999999999999999' is not a positive whole number")]
    [InlineData("name,hashtag\nA,#A\n", 1, "the header has no 'id' column (it has: name,hashtag)")]
    [InlineData("id,hashtag\n1,#A\n", 1, "the header has no 'name' column (it has: id,hashtag)")]
    [InlineData("id,name,hashtag\n1,🔥,#Fire\n", 2, "the text phrase of id 1 has no letters or digits; set text_match=false")]
    public void Every_validation_error_names_its_line(string csv, int line, string problem)
    {
        var error = Assert.Throws<CatalogueException>(() => ShowCatalogue.Load(new StringReader(csv), "inline.csv"));

        Assert.Equal($"inline.csv, line {line}: {problem}", error.Message);
    }

    [Fact]
    public void The_default_catalogue_has_the_160_shows_of_the_original_pipeline()
    {
        var catalogue = ShowCatalogue.LoadDefault();

        Assert.Equal(160, catalogue.Count);
        Assert.Equal(160, catalogue.Shows.Select(s => s.Id).Distinct().Count());
        Assert.Equal("The Good Doctor", catalogue.Shows[0].Name);
        var gambit = catalogue.Find(87739);
        Assert.NotNull(gambit);
        Assert.Equal("The Queen's Gambit", gambit.Name);
        Assert.Equal(["thequeensgambit", "queensgambit"], gambit.HashtagKeys);
        Assert.Equal(["malcolminthemiddle", "themalcolminthemiddle"], catalogue.Find(2004)!.HashtagKeys);
        Assert.All(catalogue.Shows, s => Assert.True(s.TextMatch));
        Assert.Null(catalogue.Find(1));
    }

    [Fact]
    public void The_default_catalogue_is_the_one_shipped_in_the_repository()
    {
        var shipped = ShowCatalogue.LoadFile(Path.Combine(TrendingTv.LocalS3.RepositoryRoot.Find(), "DataLake", "Catalogue", "tv_shows.csv"));

        Assert.Equal(Rows(shipped), Rows(ShowCatalogue.LoadDefault()));
    }

    [Fact]
    public void Optional_columns_are_read_in_any_order_with_a_byte_order_mark_and_CRLF()
    {
        var catalogue = ShowCatalogue.LoadFile(TestData("optional_columns_any_order_bom_crlf.csv"));

        Assert.Equal([60735, 2734, 1668, 71446], catalogue.Shows.Select(s => s.Id));
        var svu = catalogue.Find(2734)!;
        Assert.Equal("Law & Order: Special Victims Unit", svu.Name);
        Assert.Equal("Special Victims Unit", svu.Phrase);
        Assert.Equal(" special victims unit ", svu.TextKey);
        Assert.True(svu.TextMatch);
        Assert.False(catalogue.Find(1668)!.TextMatch);
        Assert.Equal("La casa de papel", catalogue.Find(71446)!.OriginalName);
        Assert.Null(catalogue.Find(60735)!.Phrase);
        Assert.Equal(" the flash ", catalogue.Find(60735)!.TextKey);
    }

    [Fact]
    public void The_default_catalogue_survives_a_write_and_load()
    {
        var original = ShowCatalogue.LoadDefault();

        var reloaded = ShowCatalogue.Load(new StringReader(original.ToCsv()), "round trip");

        Assert.Equal(Rows(original), Rows(reloaded));
        Assert.StartsWith("id,name,hashtag\n71712,The Good Doctor,#TheGoodDoctor\n", original.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalogue_with_every_optional_column_and_awkward_text_survives_a_write_and_load()
    {
        var original = new ShowCatalogue(
        [
            new Show(1, "Say \"Hi\", Bob", "#SayHi"),
            new Show(2, "Law & Order: Special Victims Unit", "#SVU", phrase: "Special Victims Unit"),
            new Show(3, "Friends", "#Friends", textMatch: false),
            new Show(4, "Money Heist", "#MoneyHeist", originalName: "La casa de papel"),
            new Show(5, "오징어 게임", "#SquidGame", originalName: "오징어 게임"),
            new Show(6, "Malcolm in the Middle", "#MalcolmInTheMiddle "),
        ]);

        var csv = original.ToCsv();
        var reloaded = ShowCatalogue.Load(new StringReader(csv), "round trip");

        Assert.StartsWith("id,name,hashtag,phrase,text_match,original_name\n", csv, StringComparison.Ordinal);
        Assert.Equal(Rows(original), Rows(reloaded));
    }

    [Fact]
    public async Task The_catalogue_loads_from_the_lake_and_names_the_lake_object_in_errors()
    {
        var folder = Directory.CreateTempSubdirectory("trendingtv-catalogue-");
        try
        {
            var store = new LocalDirectoryStore(LakeUri.Local(folder.FullName));
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => ShowCatalogue.LoadFromLakeAsync(store));

            await store.PutTextAsync(LakeLayout.CatalogueKey, ShowCatalogue.LoadDefault().ToCsv());
            Assert.Equal(160, (await ShowCatalogue.LoadFromLakeAsync(store)).Count);

            await store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1,A,#A\n1,B,#B\n");
            var error = await Assert.ThrowsAsync<CatalogueException>(() => ShowCatalogue.LoadFromLakeAsync(store));
            Assert.StartsWith($"{store.Root.UriOf(LakeLayout.CatalogueKey)}, line 3: duplicate id 1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_catalogue_in_effect_is_the_lakes_else_the_shipped_one_with_a_warning_but_never_replaces_a_malformed_one()
    {
        var folder = Directory.CreateTempSubdirectory("catalogue-in-effect-");
        try
        {
            var store = new LocalDirectoryStore(LakeUri.Local(folder.FullName));
            var logger = new Mock<ILogger>();
            logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);

            Assert.Equal(160, (await ShowCatalogue.LoadInEffectAsync(store, logger.Object)).Count);
            logger.Verify(
                l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.Is<It.IsAnyType>((v, _) => v.ToString()!.Contains(LakeLayout.CatalogueKey, StringComparison.Ordinal)), null, It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
                Times.Once);

            await store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1,A,#A\n");
            Assert.Equal(1, (await ShowCatalogue.LoadInEffectAsync(store, logger.Object)).Count);

            await store.PutTextAsync(LakeLayout.CatalogueKey, "id,name,hashtag\n1,A,#A\n1,B,#B\n");
            await Assert.ThrowsAsync<CatalogueException>(() => ShowCatalogue.LoadInEffectAsync(store, logger.Object));
            logger.Verify(
                l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
                Times.Once);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_catalogue_built_in_code_refuses_duplicate_ids()
    {
        var error = Assert.Throws<ArgumentException>(() => new ShowCatalogue([new Show(7, "A", "#A"), new Show(7, "B", "#B")]));

        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Rows(ShowCatalogue catalogue) =>
        [.. catalogue.Shows.Select(s => $"{s.Id}|{s.Name}|{s.Hashtag}|{s.Phrase}|{s.TextMatch}|{s.OriginalName}|{s.TextKey}|{string.Join(' ', s.HashtagKeys)}")];
}
