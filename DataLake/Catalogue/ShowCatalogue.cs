using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Catalogue;

/// <summary>
/// The tracked shows: a CSV with <c>id,name,hashtag</c> and optional <c>phrase</c>, <c>text_match</c>,
/// <c>original_name</c> columns (other columns are ignored). Loading validates every row and names
/// the line of the first problem.
/// </summary>
public sealed class ShowCatalogue
{
    private static readonly string[] RequiredColumns = ["id", "name", "hashtag"];
    private static readonly string[] KnownColumns = ["id", "name", "hashtag", "phrase", "text_match", "original_name"];
    private readonly Dictionary<long, Show> _byId;

    public ShowCatalogue(IEnumerable<Show> shows)
    {
        ArgumentNullException.ThrowIfNull(shows);
        Shows = [.. shows];
        _byId = new Dictionary<long, Show>(Shows.Count);
        foreach (var show in Shows)
        {
            if (!_byId.TryAdd(show.Id, show))
            {
                throw new ArgumentException($"Show id {show.Id} appears twice.", nameof(shows));
            }
        }
    }

    public IReadOnlyList<Show> Shows { get; }

    public int Count => Shows.Count;

    public Show? Find(long id) => _byId.GetValueOrDefault(id);

    /// <summary>The catalogue shipped with TrendingTv: the 160 shows the original pipeline tracked.</summary>
    public static ShowCatalogue LoadDefault()
    {
        using var stream = typeof(ShowCatalogue).Assembly.GetManifestResourceStream("TrendingTv.DataLake.tv_shows.csv")
            ?? throw new InvalidOperationException("The default catalogue is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Load(reader, "default catalogue");
    }

    public static ShowCatalogue LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    /// <summary>Loads <c>reference/tv_shows.csv</c> from the lake.</summary>
    public static async Task<ShowCatalogue> LoadFromLakeAsync(IObjectStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = await store.OpenReadAsync(LakeLayout.CatalogueKey, cancellationToken);
        using var reader = new StreamReader(stream);
        return Load(reader, store.Root.UriOf(LakeLayout.CatalogueKey));
    }

    /// <summary>
    /// The catalogue in effect for a lake: its <c>reference/tv_shows.csv</c>, else (the lake has none) the
    /// shipped one, with a warning. A lake catalogue that exists but is malformed is an error, never replaced.
    /// </summary>
    public static async Task<ShowCatalogue> LoadInEffectAsync(IObjectStore store, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            return await LoadFromLakeAsync(store, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            var fallback = LoadDefault();
            logger.LogWarning(
                "The lake has no {Catalogue}; using the {Count} shows shipped with TrendingTv.", store.Root.UriOf(LakeLayout.CatalogueKey), fallback.Count);
            return fallback;
        }
    }

    /// <summary>Parses and validates a catalogue; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="CatalogueException">The first problem found, with its line number.</exception>
    public static ShowCatalogue Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            BadDataFound = args => throw new CatalogueException(source, args.Context.Parser?.RawRow ?? 0, $"malformed CSV near '{args.Field}'"),
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read())
        {
            throw new CatalogueException(source, 1, "the file is empty; expected a header 'id,name,hashtag'");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var column in RequiredColumns)
        {
            if (!header.Contains(column))
            {
                throw new CatalogueException(source, 1, $"the header has no '{column}' column (it has: {string.Join(",", header)})");
            }
        }

        var shows = new List<Show>();
        var lineOfId = new Dictionary<long, int>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var show = ParseRow(csv, header, source, line);
            if (lineOfId.TryGetValue(show.Id, out var firstLine))
            {
                throw new CatalogueException(source, line, $"duplicate id {show.Id} (first on line {firstLine})");
            }

            lineOfId[show.Id] = line;
            shows.Add(show);
        }

        if (shows.Count == 0)
        {
            throw new CatalogueException(source, 2, "the catalogue has no shows");
        }

        return new ShowCatalogue(shows);
    }

    /// <summary>Writes the catalogue as CSV, with the optional columns only when some show uses them.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var withPhrase = Shows.Any(s => s.Phrase is not null);
        var withTextMatch = Shows.Any(s => !s.TextMatch);
        var withOriginalName = Shows.Any(s => s.OriginalName is not null);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in KnownColumns.Where(c => c switch
                 {
                     "phrase" => withPhrase,
                     "text_match" => withTextMatch,
                     "original_name" => withOriginalName,
                     _ => true,
                 }))
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var show in Shows)
        {
            csv.WriteField(show.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(show.Name);
            csv.WriteField(show.Hashtag);
            if (withPhrase)
            {
                csv.WriteField(show.Phrase ?? string.Empty);
            }

            if (withTextMatch)
            {
                csv.WriteField(show.TextMatch ? "true" : "false");
            }

            if (withOriginalName)
            {
                csv.WriteField(show.OriginalName ?? string.Empty);
            }

            csv.NextRecord();
        }
    }

    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer);
        return writer.ToString();
    }

    private static Show ParseRow(CsvReader csv, string[] header, string source, int line)
    {
        string? Field(string column) => Array.IndexOf(header, column) is var index and >= 0 ? csv.GetField(index)?.Trim() : null;

        var idText = Field("id");
        if (string.IsNullOrEmpty(idText))
        {
            throw new CatalogueException(source, line, "missing id");
        }

        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new CatalogueException(source, line, $"id '{idText}' is not a positive whole number");
        }

        var name = Field("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CatalogueException(source, line, $"empty name for id {id}");
        }

        var hashtag = Field("hashtag") ?? string.Empty;
        if (MatchKeys.HashtagKey(hashtag).Length == 0)
        {
            throw new CatalogueException(source, line, $"hashtag '{hashtag}' of id {id} is empty after normalisation");
        }

        var textMatch = true;
        var textMatchText = Field("text_match");
        if (!string.IsNullOrEmpty(textMatchText))
        {
            textMatch = textMatchText.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => throw new CatalogueException(source, line, $"text_match '{textMatchText}' of id {id} is not true or false"),
            };
        }

        var show = new Show(id, name, hashtag, Field("phrase"), textMatch, Field("original_name"));
        if (show.TextMatch && show.TextKey.Trim().Length == 0)
        {
            throw new CatalogueException(source, line, $"the text phrase of id {id} has no letters or digits; set text_match=false");
        }

        return show;
    }
}
