using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Synthetic.Posts;

/// <summary>
/// Composes the raw text of generated posts from <see cref="PostVocabulary"/>: sentences about a
/// catalogue show (by name, by hashtag or both, with the variants people write), untracked posts,
/// and free chatter of a given length. Every choice comes from the <see cref="Random"/> passed in.
/// </summary>
public static class PostTextComposer
{
    /// <summary>A post about <paramref name="show"/>, the way fans write one: its name (lower case, curly apostrophe), its hashtag (lower case, without "The"), or both; a quarter of named mentions in another language.</summary>
    public static (string Lang, string Text, IReadOnlyList<string> Hashtags) ShowMention(Random random, Show show)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(show);
        var mode = random.NextDouble();
        var useText = show.TextMatch && mode >= 0.45;
        var useHashtag = !useText || mode >= 0.8;
        var tag = HashtagVariant(random, FirstHashtag(show));
        if (!useText)
        {
            var template = PostVocabulary.HashtagMentions[random.Next(PostVocabulary.HashtagMentions.Length)];
            return ("en", string.Format(CultureInfo.InvariantCulture, template, tag), [tag[1..]]);
        }

        var name = NameVariant(random, show.Phrase ?? show.Name);
        string lang, text;
        if (random.NextDouble() < 0.25)
        {
            (lang, var template) = PostVocabulary.OtherMentions[random.Next(PostVocabulary.OtherMentions.Length)];
            text = string.Format(CultureInfo.InvariantCulture, template, name);
        }
        else
        {
            lang = "en";
            text = string.Format(CultureInfo.InvariantCulture, PostVocabulary.EnglishMentions[random.Next(PostVocabulary.EnglishMentions.Length)], name);
        }

        return useHashtag ? (lang, text + " " + tag, [tag[1..]]) : (lang, text, []);
    }

    /// <summary>A post about no tracked show, with the hashtags it carries.</summary>
    public static (string Lang, string Text, IReadOnlyList<string> Hashtags) Untracked(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var text = PostVocabulary.Untracked[random.Next(PostVocabulary.Untracked.Length)];
        var tags = text.Split(' ').Where(w => w.StartsWith('#')).Select(w => w[1..]).ToArray();
        return ("en", text, tags);
    }

    /// <summary>
    /// Chatter of about <paramref name="length"/> characters: words, now and then an emoji, a phrase in
    /// another script or an ampersand, and <paramref name="show"/>'s name when <paramref name="nameShow"/>;
    /// then up to three hashtags, the first <paramref name="show"/>'s, the others from <paramref name="shows"/>
    /// (hashtags close a post, so in a long one they sit past the part a truncated text shows).
    /// </summary>
    public static (string Text, IReadOnlyList<string> Hashtags) Chatter(Random random, int length, Show show, bool nameShow, IReadOnlyList<Show> shows)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(shows);
        var text = new StringBuilder(length + 40);
        while (text.Length < length)
        {
            text.Append(random.Next(40) switch
            {
                0 when nameShow => show.Name,
                1 => PostVocabulary.Emoji[random.Next(PostVocabulary.Emoji.Length)],
                2 => PostVocabulary.OtherScripts[random.Next(PostVocabulary.OtherScripts.Length)],
                3 => "&",
                _ => PostVocabulary.Words[random.Next(PostVocabulary.Words.Length)],
            });
            text.Append(' ');
        }

        var hashtags = new List<string>();
        for (var i = random.Next(4); i > 0; i--)
        {
            var tag = FirstHashtag(hashtags.Count == 0 ? show : shows[random.Next(shows.Count)])[1..];
            hashtags.Add(tag);
            text.Append('#').Append(tag).Append(' ');
        }

        return (text.ToString().TrimEnd(), hashtags);
    }

    /// <summary>
    /// The hashtag posts use for <paramref name="show"/>, with its '#': the catalogue's first, or — when
    /// the catalogue row holds a phrase instead (one original row does) — its letters and digits.
    /// </summary>
    public static string FirstHashtag(Show show)
    {
        ArgumentNullException.ThrowIfNull(show);
        if (show.Hashtag.StartsWith('#') && show.Hashtag.Length > 1)
        {
            return show.Hashtag.Split(' ', 2)[0];
        }

        var letters = string.Concat(show.Hashtag.Where(char.IsLetterOrDigit));
        return "#" + (letters.Length > 0 ? letters : "tv" + show.Id.ToString(CultureInfo.InvariantCulture));
    }

    private static string HashtagVariant(Random random, string hashtag)
    {
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return hashtag.ToLowerInvariant();
        }

        if (roll < 0.3 && hashtag.StartsWith("#The", StringComparison.Ordinal) && hashtag.Length > 5)
        {
            return "#" + hashtag[4..]; // #TheMandalorian written as #Mandalorian
        }

        return hashtag;
    }

    private static string NameVariant(Random random, string name)
    {
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return name.ToLowerInvariant();
        }

        if (roll < 0.5)
        {
            return name.Replace('\'', '’'); // curly apostrophe
        }

        return name;
    }
}
