using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// Turns the catalogue into filtered-stream rules (pure). Each show contributes its terms: the
/// quoted text phrase (unless <c>text_match=false</c>) and its hashtag keys (<c>#thecrown</c> and
/// <c>#crown</c>). Normally each show gets its own rule, tagged with the show id, its terms joined
/// by <c>OR</c> and split over several rules (same tag) if they exceed the rule-length limit. When
/// that needs more rules than the tier allows, shows are packed together (tag: their ids joined by
/// commas) up to the length limit.
/// </summary>
public static class RulePlanner
{
    private const string Or = " OR ";

    /// <summary>The rules for <paramref name="catalogue"/> within the limits.</summary>
    /// <exception cref="InvalidOperationException">A term alone is longer than the limit, or the catalogue needs more rules than allowed.</exception>
    public static IReadOnlyList<XStreamRule> Plan(ShowCatalogue catalogue, int maxRuleLength, int maxRules)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var perShow = TermsPerShow(catalogue, maxRuleLength);
        var rules = perShow.SelectMany(s => RulesOfOneShow(s.Show, s.Terms, maxRuleLength)).ToList();
        if (rules.Count <= maxRules)
        {
            return rules;
        }

        // Too many rules for the tier: pack whole shows together.
        rules = PackShows(perShow, maxRuleLength);
        if (rules.Count > maxRules)
        {
            throw new InvalidOperationException(
                $"The catalogue's {catalogue.Count} shows need {rules.Count} rules of at most {maxRuleLength} characters, more than X:MaxRules {maxRules}; raise the access tier or track fewer shows.");
        }

        return rules;
    }

    private static List<(Show Show, List<string> Terms)> TermsPerShow(ShowCatalogue catalogue, int maxRuleLength)
    {
        var perShow = new List<(Show Show, List<string> Terms)>();
        foreach (var show in catalogue.Shows)
        {
            var terms = Terms(show);
            if (terms.FirstOrDefault(t => t.Length > maxRuleLength) is { } tooLong)
            {
                throw new InvalidOperationException(
                    $"Show {show.Id} ('{show.Name}'): the rule term {tooLong} is {tooLong.Length} characters, longer than X:MaxRuleLength {maxRuleLength}.");
            }

            if (terms.Count > 0)
            {
                perShow.Add((show, terms));
            }
        }

        return perShow;
    }

    private static IEnumerable<XStreamRule> RulesOfOneShow(Show show, List<string> terms, int maxRuleLength) =>
        Pack(terms, maxRuleLength).Select(part => new XStreamRule(part, show.Id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Shows packed together up to the length limit (tag: their ids joined by commas); a show that needs several rules keeps them to itself.</summary>
    private static List<XStreamRule> PackShows(List<(Show Show, List<string> Terms)> perShow, int maxRuleLength)
    {
        var rules = new List<XStreamRule>();
        var value = new StringBuilder();
        var ids = new List<long>();
        foreach (var (show, terms) in perShow)
        {
            var showValue = string.Join(Or, terms);
            if (showValue.Length > maxRuleLength)
            {
                Flush();
                rules.AddRange(RulesOfOneShow(show, terms, maxRuleLength));
                continue;
            }

            if (value.Length > 0 && value.Length + Or.Length + showValue.Length > maxRuleLength)
            {
                Flush();
            }

            value.Append(value.Length > 0 ? Or : string.Empty).Append(showValue);
            ids.Add(show.Id);
        }

        Flush();
        return rules;

        void Flush()
        {
            if (value.Length > 0)
            {
                rules.Add(new XStreamRule(value.ToString(), string.Join(',', ids)));
                value.Clear();
                ids.Clear();
            }
        }
    }

    /// <summary>A show's terms: the quoted phrase (if it matches by text) and each hashtag key with '#'.</summary>
    public static List<string> Terms(Show show)
    {
        ArgumentNullException.ThrowIfNull(show);
        var terms = new List<string>();
        if (show.TextMatch)
        {
            var phrase = (show.Phrase ?? show.Name).Trim().Replace("\\", " ", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            terms.Add($"\"{phrase}\"");
        }

        foreach (var key in show.HashtagKeys)
        {
            // X hashtags are letters, digits and underscores; anything else would end the hashtag.
            var clean = new string([.. key.Where(c => char.IsLetterOrDigit(c) || c == '_')]);
            if (clean.Length > 0 && !terms.Contains("#" + clean))
            {
                terms.Add("#" + clean);
            }
        }

        return terms;
    }

    private static List<string> Pack(List<string> terms, int maxRuleLength)
    {
        var values = new List<string>();
        var current = new StringBuilder();
        foreach (var term in terms)
        {
            if (current.Length > 0 && current.Length + Or.Length + term.Length > maxRuleLength)
            {
                values.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? Or : string.Empty).Append(term);
        }

        if (current.Length > 0)
        {
            values.Add(current.ToString());
        }

        return values;
    }
}
