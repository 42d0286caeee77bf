namespace TrendingTv.Synthetic.Posts;

/// <summary>
/// The words generated posts are made of: chatter, words that share letters with show names (near
/// misses for the text matcher), other scripts, emoji, languages, post templates that mention a
/// show, untracked posts, and the clients X names as a status's <c>source</c>.
/// </summary>
public static class PostVocabulary
{
    /// <summary>Everyday TV chatter.</summary>
    public static readonly string[] Words =
    [
        "watching", "tonight", "episode", "season", "finale", "cannot", "believe", "what", "just", "happened", "honestly",
        "the", "best", "show", "on", "tv", "right", "now", "and", "I", "am", "not", "okay", "that", "ending", "was", "wild",
        "who", "else", "is", "crying", "rewatching", "again", "plot", "twist", "cast", "acting", "writers", "deserve", "award",
        "binge", "weekend", "spoilers", "ahead", "new", "trailer", "dropped", "renewed", "cancelled", "premiere", "date",
    ];

    /// <summary>Common words, some of them parts of show names ("crown", "dark", "office"): near misses for the matcher.</summary>
    public static readonly string[] NearMissWords =
    [
        "the", "a", "and", "to", "of", "in", "is", "it", "you", "that", "this", "was", "for", "on", "are", "with", "as", "i",
        "just", "watched", "watching", "season", "episode", "finale", "tonight", "love", "hate", "best", "worst", "show",
        "series", "netflix", "binge", "again", "can't", "wait", "new", "trailer", "spoilers", "omg", "so", "good", "bad",
        "why", "who", "what", "when", "really", "never", "always", "amazing", "boring", "cast", "writers", "ending",
        "character", "plot", "twist", "wow", "lol", "night", "weekend", "today", "tomorrow", "my", "your", "our", "their",
        "crown", "dark", "flash", "queen", "office", "friends", "boys", "walking", "dead", "game", "house", "doctor",
    ];

    /// <summary>Syllables that make invented words (names, slang) no show is called.</summary>
    public static readonly string[] Syllables = ["ka", "lo", "mi", "ter", "zu", "ven", "dra", "pol", "sin", "ark", "bel", "qui", "rom", "tas", "ne", "xo"];

    /// <summary>Phrases in other scripts: Japanese, Arabic, Cyrillic, Korean, Thai, Greek, Hebrew and Latin with accents.</summary>
    public static readonly string[] OtherScripts =
    [
        "最終回 泣いた", "مسلسل رائع جدا", "Мастер и Маргарита", "드라마 최고", "ซีรีส์ดีมาก", "Η σειρά είναι τέλεια", "סדרה מעולה",
        "série incroyable ce soir", "qué capítulo", "Folge heute Abend",
    ];

    public static readonly string[] Emoji = ["🔥", "😭", "😂", "❤️", "👀", "🙌", "💔", "✨"];

    /// <summary>Post languages, weighted by repetition.</summary>
    public static readonly string[] Languages = ["en", "en", "en", "en", "es", "pt", "ja", "ar", "ko", "fr", "tr", "und"];

    /// <summary>English posts about a show; <c>{0}</c> is its name.</summary>
    public static readonly string[] EnglishMentions =
    [
        "Can’t believe what just happened on {0} 😱",
        "{0} tonight was everything 🔥🔥",
        "Rewatching {0} for the third time and it still hits",
        "who else is watching {0} right now??",
        "that ending of {0} … I’m not okay 😭",
        "{0} deserves every award, no notes",
        "ok {0} really said \"plot twist\" & meant it",
        "my mom finally started {0} and she’s hooked 😂",
    ];

    /// <summary>Posts about a show in other languages; <c>{0}</c> is its name.</summary>
    public static readonly (string Lang, string Template)[] OtherMentions =
    [
        ("es", "No puedo dejar de ver {0} 😍"),
        ("pt", "Alguém mais assistindo {0} hoje? 👀"),
        ("fr", "J’adore {0}, quelle saison !"),
        ("ja", "{0} 最高すぎる…！"),
        ("ar", "مسلسل {0} رائع جدا"),
        ("de", "{0} ist einfach großartig"),
    ];

    /// <summary>Posts that name a show by hashtag only; <c>{0}</c> is the hashtag.</summary>
    public static readonly string[] HashtagMentions =
    [
        "Episode night! {0} 🍿",
        "{0} is back and I’m screaming",
        "Thread 🧵 {0}",
        "{0} > everything else on tv",
        "can we talk about {0} 👇",
    ];

    /// <summary>Posts about no tracked show (raw text: '&amp;' is a plain ampersand).</summary>
    public static readonly string[] Untracked =
    [
        "Just finished my tea ☕ #MondayMotivation",
        "#TVTime what should I watch next? drop recs",
        "Watching the game tonight #NFL 🏈",
        "new phone who dis",
        "nothing good on tv tonight, going to bed 😴",
        "Cooking show marathon <3 #foodie",
    ];

    /// <summary>The opening of a long post: past X's 280 characters, so what follows is in the note or extended text only.</summary>
    public const string LongOpening =
        "Okay so I finally caught up and I have so many thoughts about the writing, the pacing, the soundtrack and honestly the cinematography this season, " +
        "but mostly I want to talk about how every single character got a moment to shine and how the final scene tied the whole arc together in a way " +
        "that felt earned instead of rushed, which almost never happens anymore. Anyway, full rant below and yes I will be rewatching it this weekend: ";

    /// <summary>X clients, as a v1.1 status's <c>source</c> HTML and a v2 post's <c>source</c> name.</summary>
    public static readonly (string Html, string Name)[] Clients =
    [
        ("<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>", "Twitter for iPhone"),
        ("<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>", "Twitter for Android"),
        ("<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>", "Twitter Web App"),
    ];

    /// <summary>Shows a v2 post's <c>context_annotations</c> name (X's own entity recognition, not our matching).</summary>
    public static readonly string[] AnnotatedShows = ["The Crown", "The Mandalorian", "The Queen's Gambit", "Grey's Anatomy"];
}
