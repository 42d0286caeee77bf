namespace TrendingTv.Synthetic.Bluesky;

/// <summary>Sentences in the languages Bluesky's firehose carries most, with their <c>langs</c> tag, and common hashtags.</summary>
internal static class BlueskyTexts
{
    public static readonly (string Lang, string[] Sentences)[] Languages =
    [
        ("en", [
            "Just finished my coffee and the day has barely started.",
            "Can't believe how good the weather is today ☀️",
            "Anyone else watching the game tonight?",
            "This thread is a must read, honestly.",
            "Hot take: pineapple belongs on pizza & I will die on this hill.",
            "New blog post is up, link below 👇",
            "My cat knocked over the plant again 😂😂",
            "Reading a great book about the history of maps.",
            "Why does every app need an account now?",
            "Finally got the bug fixed after three hours <3",
            "Trains were late again, 20 minutes this time.",
            "Happy Friday everyone! Any weekend plans?",
        ]),
        ("es", [
            "¡Qué día tan bonito para salir a caminar!",
            "No puedo creer lo que pasó en el partido de anoche.",
            "Alguien sabe dónde comprar entradas para el concierto?",
            "Mi gato decidió dormir encima del teclado otra vez.",
        ]),
        ("pt", [
            "Bom dia! Hoje o café está especialmente bom.",
            "Alguém mais acordou cedo demais hoje?",
            "Que jogo incrível ontem à noite, não acredito.",
        ]),
        ("ja", [
            "今日はとても良い天気ですね。",
            "新しいイラストを描きました！見てください✨",
            "電車が遅れていて会社に遅刻しそう…",
            "週末は何をする予定ですか？",
        ]),
        ("ko", [
            "오늘 날씨 정말 좋네요.",
            "새로운 그림을 그렸어요! 봐주세요",
            "주말에 뭐 하실 거예요?",
        ]),
        ("de", [
            "Guten Morgen! Der Zug ist schon wieder zu spät.",
            "Endlich Wochenende, ich freue mich auf den Ausflug.",
        ]),
        ("fr", [
            "Quelle belle journée pour une promenade au parc !",
            "Je viens de finir un excellent livre, je recommande.",
        ]),
        ("ru", [
            "Доброе утро! Сегодня отличная погода.",
            "Кто-нибудь смотрел вчерашний матч?",
        ]),
        ("ar", [
            "صباح الخير، الجو جميل اليوم.",
            "هل شاهد أحدكم المباراة أمس؟",
        ]),
        ("hi", [
            "आज मौसम बहुत अच्छा है।",
            "क्या किसी ने कल का मैच देखा?",
        ]),
    ];

    /// <summary>Relative weights of <see cref="Languages"/>: English dominates, Japanese follows.</summary>
    public static readonly double[] LanguageWeights = [55, 6, 9, 14, 3, 4, 3, 2, 2, 2];

    public static readonly string[] Hashtags =
    [
        "art", "photography", "bluesky", "gaming", "music", "books", "science", "politics", "nature", "cats", "dogs", "vtuber",
        "イラスト", "絵描きさんと繋がりたい", "futebol", "fútbol", "linux", "dotnet",
    ];

    public static readonly string[] ShowPhrases =
    [
        "Just watched the finale of {0} and I'm speechless",
        "{0} is the best thing on TV right now",
        "rewatching {0} for the third time lol",
        "who else is watching {0} tonight?",
        "the new season of {0} is SO good",
    ];
}
