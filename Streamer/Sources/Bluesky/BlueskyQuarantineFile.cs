using System.Text.Json;
using System.Text.Unicode;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// The local quarantine: one JSON line per malformed message (<c>received_at</c>, <c>instance</c>, <c>reason</c>,
/// <c>bytes</c> and the first kilobyte as <c>raw_head</c>, or <c>raw_head_base64</c> when not UTF-8), appended to a
/// file beside the capture store. It stops growing at <paramref name="maxBytes"/> (later messages are only counted
/// and logged), so a stream of garbage cannot fill the disk.
/// </summary>
public sealed class BlueskyQuarantineFile(string path, long maxBytes = 16L << 20) : IBlueskyQuarantine
{
    private const int HeadBytes = 1024;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async ValueTask AddAsync(JetstreamMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var head = message.Payload.Span[..Math.Min(HeadBytes, message.Payload.Length)];
            json.WriteStartObject();
            json.WriteString("received_at"u8, message.ReceivedAt);
            json.WriteString("instance"u8, message.Instance.Host);
            json.WriteString("reason"u8, message.Event.MalformedReason);
            json.WriteNumber("bytes"u8, message.Payload.Length);
            if (Utf8.IsValid(head))
            {
                json.WriteString("raw_head"u8, head);
            }
            else
            {
                json.WriteBase64String("raw_head_base64"u8, head);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var info = new FileInfo(Path);
            if (info.Exists && info.Length + buffer.Length > maxBytes)
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }
}
