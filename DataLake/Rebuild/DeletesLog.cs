using System.Globalization;
using System.Text.Json;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// The deletes logs of a source as listed at one moment: <c>bluesky_deletes/YYYY/MM/DD/HH/YYYY-MM-DD-HH.jsonl</c>, one
/// <c>{"id":…,"uri":"at://…","time_us":…}</c> a line, each line a delete received in that hour for a post already in
/// the lake. A post of hour H can only be deleted after it was uploaded, so the logs of H and later name every
/// deleted post of H. Sources without deletes (X) have an empty log.
/// </summary>
public sealed class DeletesLog
{
    private readonly IObjectStore _lake;
    private readonly List<(DateTimeOffset Hour, ObjectInfo Info)> _files;
    private (DateTimeOffset From, HashSet<long> Ids)? _read;

    private DeletesLog(IObjectStore lake, List<(DateTimeOffset, ObjectInfo)> files)
    {
        _lake = lake;
        _files = files;
    }

    /// <summary>True for the sources whose deleted posts a rebuild must leave out.</summary>
    public static bool AppliesTo(string source) => source == PostSources.Bluesky;

    /// <summary>Lists the source's deletes logs (none for a source without deletes).</summary>
    public static async Task<DeletesLog> ListAsync(IObjectStore lake, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var files = new List<(DateTimeOffset, ObjectInfo)>();
        if (AppliesTo(source))
        {
            await foreach (var info in lake.ListAsync(LakeLayout.BlueskyDeletesRoot + "/", cancellationToken))
            {
                if (TryParseHour(info.Key, out var hour))
                {
                    files.Add((hour, info));
                }
            }
        }

        return new DeletesLog(lake, files);
    }

    /// <summary>The logs that can name posts of <paramref name="hour"/>: its own and every later one.</summary>
    public DeletesFingerprint FingerprintFrom(DateTimeOffset hour)
    {
        var files = 0;
        long bytes = 0;
        foreach (var (logHour, info) in _files)
        {
            if (logHour >= hour)
            {
                files++;
                bytes += info.Size;
            }
        }

        return files == 0 ? DeletesFingerprint.None : new DeletesFingerprint(files, bytes);
    }

    /// <summary>
    /// The ids named by the logs of <paramref name="from"/> and later; possibly more (those of logs since an earlier
    /// hour read before, which name posts of earlier hours only, and post ids are unique), so that a range rebuild
    /// going forward reads each log once.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not a delete record; the message names the object and line.</exception>
    public async Task<IReadOnlySet<long>> ReadIdsFromAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        if (_read is { } read && read.From <= from)
        {
            return read.Ids;
        }

        var ids = new HashSet<long>();
        foreach (var (hour, info) in _files)
        {
            if (hour < from)
            {
                continue;
            }

            await using var stream = await _lake.OpenReadAsync(info.Key, cancellationToken);
            using var reader = new StreamReader(stream);
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    ids.Add(ParseId(line, _lake.Root.UriOf(info.Key), number));
                }
            }
        }

        _read = (from, ids);
        return ids;
    }

    private static long ParseId(string line, string where, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.Number
                && id.TryGetInt64(out var value))
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // reported below with the place
        }

        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{where} line {number} is not a delete record {{\"id\":<int64>,…}}."));
    }

    private static bool TryParseHour(string key, out DateTimeOffset hour)
    {
        // bluesky_deletes/YYYY/MM/DD/HH/YYYY-MM-DD-HH.jsonl: the file name gives the hour; the key must be exactly the layout's.
        hour = default;
        var name = Path.GetFileNameWithoutExtension(key);
        if (!DateTime.TryParseExact(name, "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        hour = new DateTimeOffset(parsed, TimeSpan.Zero);
        return LakeLayout.BlueskyDeletesHourKey(hour) == key;
    }
}
