namespace TrendingTv.PostsBench;

/// <summary>Vocabulary for generated posts: tracked-show names and hashtags, filler words, other scripts, emoji.</summary>
internal static class PayloadText
{
    public static readonly (string Name, string Hashtag)[] Shows =
    [
        ("The Crown", "TheCrown"), ("The Mandalorian", "TheMandalorian"), ("The Queen's Gambit", "QueensGambit"),
        ("Grey's Anatomy", "GreysAnatomy"), ("Law & Order: SVU", "SVU"), ("The Walking Dead", "TWD"),
        ("This Is Us", "ThisIsUs"), ("The Boys", "TheBoys"), ("Lucifer", "Lucifer"), ("Cobra Kai", "CobraKai"),
        ("The Flash", "TheFlash"), ("Supernatural", "Supernatural"), ("Riverdale", "Riverdale"), ("Euphoria", "Euphoria"),
        ("Money Heist", "LaCasaDePapel"), ("Dark", "Dark"), ("Vikings", "Vikings"), ("Outlander", "Outlander"),
        ("The Good Doctor", "TheGoodDoctor"), ("Emily in Paris", "EmilyInParis"), ("Fargo", "Fargo"), ("Ozark", "Ozark"),
    ];

    public static readonly string[] Words =
    [
        "watching", "tonight", "episode", "season", "finale", "cannot", "believe", "what", "just", "happened", "honestly",
        "the", "best", "show", "on", "tv", "right", "now", "and", "I", "am", "not", "okay", "that", "ending", "was", "wild",
        "who", "else", "is", "crying", "rewatching", "again", "plot", "twist", "cast", "acting", "writers", "deserve", "award",
        "binge", "weekend", "spoilers", "ahead", "new", "trailer", "dropped", "renewed", "cancelled", "premiere", "date",
    ];

    public static readonly string[] Foreign =
    [
        "最終回 泣いた", "مسلسل رائع جدا", "Мастер и Маргарита", "드라마 최고", "ซีรีส์ดีมาก", "Η σειρά είναι τέλεια", "סדרה מעולה",
        "série incroyable ce soir", "qué capítulo", "Folge heute Abend",
    ];

    public static readonly string[] Emoji = ["🔥", "😭", "😂", "❤️", "👀", "🙌", "💔", "✨"];

    public static readonly string[] Langs = ["en", "en", "en", "en", "es", "pt", "ja", "ar", "ko", "fr", "tr", "und"];

    public static readonly string[] Sources =
    [
        "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
        "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
        "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    ];
}
