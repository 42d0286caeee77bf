using TrendingTv.DataLake.Catalogue;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Tests.Sources.X;

public sealed class RulePlannerTests
{
    [Fact]
    public void Each_show_gets_a_rule_tagged_with_its_id_with_phrase_and_hashtags()
    {
        var catalogue = new ShowCatalogue([new Show(87739, "The Queen's Gambit", "#TheQueensGambit"), new Show(1399, "Game of Thrones", "#GameOfThrones")]);

        var rules = RulePlanner.Plan(catalogue, 1024, 1000);

        Assert.Equal(2, rules.Count);
        Assert.Equal(new XStreamRule("\"The Queen's Gambit\" OR #thequeensgambit OR #queensgambit", "87739"), rules[0]);
        Assert.Equal("1399", rules[1].Tag);
        Assert.Equal("\"Game of Thrones\" OR #gameofthrones OR #thegameofthrones", rules[1].Value);
    }

    [Fact]
    public void A_show_that_does_not_match_by_text_gets_hashtags_only()
    {
        var catalogue = new ShowCatalogue([new Show(1, "You", "#YouNetflix", textMatch: false)]);

        var rule = Assert.Single(RulePlanner.Plan(catalogue, 1024, 1000));

        Assert.Equal("#younetflix OR #theyounetflix", rule.Value);
    }

    [Fact]
    public void Terms_beyond_the_length_limit_spill_into_another_rule_with_the_same_tag()
    {
        var catalogue = new ShowCatalogue([new Show(7, "A Rather Long Show Name Indeed", "#ARatherLongShowNameIndeed")]);

        var rules = RulePlanner.Plan(catalogue, 64, 1000);

        Assert.True(rules.Count > 1);
        Assert.All(rules, r => Assert.True(r.Value.Length <= 64, r.Value));
        Assert.All(rules, r => Assert.Equal("7", r.Tag));
    }

    [Fact]
    public void Too_many_shows_for_the_rule_count_are_packed_together_within_the_length_limit()
    {
        var shows = Enumerable.Range(1, 30).Select(i => new Show(i, $"Show {i}", $"#Show{i}")).ToList();

        var rules = RulePlanner.Plan(new ShowCatalogue(shows), 200, 10);

        Assert.True(rules.Count <= 10);
        Assert.All(rules, r => Assert.True(r.Value.Length <= 200, r.Value));
        var tagged = rules.SelectMany(r => r.Tag!.Split(',')).Select(long.Parse).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), tagged);
    }

    [Fact]
    public void A_catalogue_that_cannot_fit_the_tier_is_rejected_with_the_numbers()
    {
        var shows = Enumerable.Range(1, 30).Select(i => new Show(i, $"Show number {i}", $"#ShowNumber{i}")).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => RulePlanner.Plan(new ShowCatalogue(shows), 64, 2));

        Assert.Contains("X:MaxRules 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_catalogue_fits_the_pay_per_use_tier_one_rule_per_show()
    {
        var catalogue = ShowCatalogue.LoadDefault();

        var rules = RulePlanner.Plan(catalogue, 1024, 1000);

        Assert.Equal(catalogue.Count, rules.Count);
        Assert.Equal(catalogue.Shows.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rules.Select(r => r.Tag));
    }
}
