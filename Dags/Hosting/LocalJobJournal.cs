using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The local engine's submissions and their ends, one JSON object a line, appended and flushed to disk
/// before anything acts on them: <c>{"event":"submitted","jobId":"tweet-2020-11-23.2","runId":…,"attempt":2,
/// "dataset":"tweet","date":"2020-11-23","resumes":"tweet-2020-11-23.1","at":…}</c> and
/// <c>{"event":"ended","jobId":…,"state":"Succeeded","reason":null,"at":…}</c>. A torn last line (a crash
/// mid-write) is ignored when the journal is read back.
/// </summary>
public sealed class LocalJobJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly FileStream _file;
    private readonly Lock _gate = new();

    private LocalJobJournal(FileStream file, IReadOnlyList<JournalEntry> entries)
    {
        _file = file;
        Entries = entries;
    }

    /// <summary>The entries found when the journal was opened, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Entries { get; }

    /// <summary>The journal's path.</summary>
    public string Path => _file.Name;

    /// <summary>Reads the journal at <paramref name="path"/> (created if missing) and opens it for appending.</summary>
    public static LocalJobJournal Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var entries = File.Exists(path) ? Read(path) : [];
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (file.Length > 0 && !EndsWithNewline(path))
        {
            // Close a torn line so the next entry starts on its own.
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }

        return new LocalJobJournal(file, entries);
    }

    /// <summary>Every entry of the journal at <paramref name="path"/> (for inspection and tests).</summary>
    public static IReadOnlyList<JournalEntry> Read(string path)
    {
        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<JournalEntry>(line, Json) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A line torn by a crash while it was written: that submission never returned a job id.
            }
        }

        return entries;
    }

    public void Submitted(string jobId, EtlJobRequest request, int attempt, string? resumes) =>
        Append(new JournalEntry(JournalEntry.SubmittedEvent, jobId, request.RunId, attempt, request.Dataset.Name(), LakeLayout.Iso(request.Date), resumes, null, null, DateTimeOffset.UtcNow));

    public void Ended(string jobId, string runId, EtlJobState state, string? reason) =>
        Append(new JournalEntry(JournalEntry.EndedEvent, jobId, runId, null, null, null, null, state, reason, DateTimeOffset.UtcNow));

    public void Dispose() => _file.Dispose();

    private void Append(JournalEntry entry)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        lock (_gate)
        {
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
        }
    }

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0)
        {
            return true;
        }

        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
