using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.SparkJobs.Jobs;

/// <summary>
/// The match-keys input of <c>tweet_stat</c>: one row per show key, computed in C# by
/// <see cref="MatchKeys"/> (the SQL never normalises text itself). Columns
/// <c>id,key_kind,key,token</c>: <c>key_kind</c> is <c>text</c> (the show's text key, only when
/// <see cref="Show.TextMatch"/>) or <c>hashtag</c> (its hashtag key and the "the" alternate);
/// <c>token</c> is the longest word of a text key, the equi-join key that finds candidate posts
/// before <c>instr</c> verifies the whole key. Every field is quoted, quotes doubled; both
/// engines read it with <c>"</c> as quote and escape.
/// </summary>
internal static class ShowKeysTable
{
    public const string Header = "id,key_kind,key,token";

    public static IEnumerable<(long Id, string Kind, string Key, string Token)> Rows(ShowCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        foreach (var show in catalogue.Shows)
        {
            if (show.TextMatch && show.TextKey.Trim().Length > 0)
            {
                yield return (show.Id, "text", Checked(show, show.TextKey), Token(show.TextKey));
            }

            foreach (var key in show.HashtagKeys.Distinct(StringComparer.Ordinal))
            {
                yield return (show.Id, "hashtag", Checked(show, key), string.Empty);
            }
        }
    }

    public static string ToCsv(ShowCatalogue catalogue)
    {
        var builder = new StringBuilder(Header).Append('\n');
        foreach (var (id, kind, key, token) in Rows(catalogue))
        {
            builder.Append(id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(kind)).Append(',')
                .Append(Quote(key)).Append(',')
                .Append(Quote(token)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Words too frequent in posts about TV to drive the candidate join well ("Dark Netflix" should
    /// be found through "dark", not through every post saying "netflix"). Any word of the key gives
    /// the same result, since instr verifies the whole key; the choice only changes how many
    /// candidates are verified.
    /// </summary>
    private static readonly HashSet<string> FrequentWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "of", "in", "on", "to", "for", "with", "from", "is", "s", "my", "your", "our", "new",
        "netflix", "hbo", "disney", "hulu", "amazon", "prime", "cw", "tv", "show", "series", "season", "episode",
        "de", "la", "le", "el", "los", "las", "du", "der", "die", "das",
    };

    /// <summary>The longest word of a text key that is not a frequent word (else the longest word; the first of equal length).</summary>
    public static string Token(string textKey)
    {
        var words = textKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var candidates = words.Where(w => !FrequentWords.Contains(w)).ToArray();
        var best = string.Empty;
        foreach (var word in candidates.Length > 0 ? candidates : words)
        {
            if (word.Length > best.Length)
            {
                best = word;
            }
        }

        return best;
    }

    private static string Checked(Show show, string key)
    {
        if (key.Any(char.IsControl))
        {
            throw new ArgumentException($"The match key of show {show.Id} ('{show.Name}') contains a control character; fix the catalogue.");
        }

        return key;
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
