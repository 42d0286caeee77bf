using System.Text;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb.Selection;

/// <summary>
/// Show selection (<c>docs/tmdb.md</c>): the <c>top</c> most popular shows on TMDB, in popularity order, merged
/// with an existing catalogue. A show already in the catalogue keeps its row as it is (hand-edited
/// hashtag, phrase, text_match and name), gaining only a missing original_name; a new show gets
/// the generated hashtag (<see cref="TmdbHashtag"/>) and TMDB's original name. Existing shows no
/// longer in the top are dropped, or appended after them when asked to keep them.
/// </summary>
public sealed class TmdbShowSelector
{
    private readonly TmdbClient _client;
    private readonly IObjectStore _store;
    private readonly ILogger<TmdbShowSelector> _logger;

    public TmdbShowSelector(TmdbClient client, IObjectStore store, ILogger<TmdbShowSelector> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _logger = logger;
    }

    /// <summary>The catalogue to merge with: the file at <paramref name="path"/> when given, else the lake's, else the default.</summary>
    public async Task<ShowCatalogue> LoadExistingAsync(string? path, CancellationToken cancellationToken = default) =>
        path is null ? await ShowCatalogue.LoadInEffectAsync(_store, _logger, cancellationToken) : ShowCatalogue.LoadFile(path);

    /// <summary>Reads the <paramref name="top"/> most popular shows and merges them with <paramref name="existing"/>.</summary>
    public async Task<TmdbShowSelection> SelectAsync(int top, ShowCatalogue? existing, bool keepUnselected = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var popular = new List<TmdbTvListItem>(top);
        await foreach (var show in _client.GetPopularTvShowsAsync(top, cancellationToken))
        {
            popular.Add(show);
        }

        var selection = Merge(popular, existing, keepUnselected);
        TmdbLog.ShowsSelected(_logger, selection.Catalogue.Count, selection.Kept, selection.Added, selection.Dropped.Count);
        return selection;
    }

    /// <summary>The merge rule of <see cref="TmdbShowSelector"/>, without I/O.</summary>
    public static TmdbShowSelection Merge(IEnumerable<TmdbTvListItem> popular, ShowCatalogue? existing, bool keepUnselected)
    {
        ArgumentNullException.ThrowIfNull(popular);
        var shows = new List<Show>();
        var selected = new HashSet<long>();
        int kept = 0, added = 0;
        foreach (var item in popular)
        {
            if (!selected.Add(item.Id))
            {
                continue;
            }

            var originalName = string.IsNullOrWhiteSpace(item.OriginalName) ? null : item.OriginalName.Trim();
            if (existing?.Find(item.Id) is { } row)
            {
                shows.Add(row.OriginalName is null && originalName is not null
                    ? new Show(row.Id, row.Name, row.Hashtag, row.Phrase, row.TextMatch, originalName)
                    : row);
                kept++;
                continue;
            }

            var name = string.IsNullOrWhiteSpace(item.Name) ? originalName : item.Name.Trim();
            if (name is null)
            {
                selected.Remove(item.Id);
                continue; // a list entry without any name cannot be matched or shown
            }

            var show = new Show(item.Id, name, TmdbHashtag.ForShow(item.Id, name), phrase: null, textMatch: true, originalName);
            // A name of punctuation only has no text key; such a show is matched by hashtag alone.
            shows.Add(show.TextKey.Trim().Length == 0 ? new Show(item.Id, name, show.Hashtag, null, textMatch: false, originalName) : show);
            added++;
        }

        var dropped = existing?.Shows.Where(s => !selected.Contains(s.Id)).ToArray() ?? [];
        if (keepUnselected)
        {
            shows.AddRange(dropped);
            kept += dropped.Length;
            dropped = [];
        }

        return new TmdbShowSelection(new ShowCatalogue(shows), kept, added, dropped);
    }

    /// <summary>
    /// Writes the catalogue as CSV to <paramref name="outputPath"/> (when given; replaced atomically)
    /// and to <c>reference/tv_shows.csv</c> in the lake (when <paramref name="upload"/>).
    /// </summary>
    public async Task PublishAsync(ShowCatalogue catalogue, string? outputPath, bool upload = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var csv = Encoding.UTF8.GetBytes(catalogue.ToCsv());
        if (outputPath is not null)
        {
            var fullPath = Path.GetFullPath(outputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
            try
            {
                await File.WriteAllBytesAsync(temporary, csv, cancellationToken);
                File.Move(temporary, fullPath, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            TmdbLog.CatalogueWritten(_logger, fullPath);
        }

        if (upload)
        {
            await _store.PutBytesAsync(LakeLayout.CatalogueKey, csv, cancellationToken);
            TmdbLog.CatalogueWritten(_logger, _store.Root.UriOf(LakeLayout.CatalogueKey));
        }
    }
}
