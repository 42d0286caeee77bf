using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>
/// A stand-in for a second source's normaliser (Bluesky's comes from its own work): each raw line
/// <c>{"id":n,"text":"…"}</c> becomes a canonical-like line, unless its id is to be left out. Records what it was given.
/// </summary>
internal sealed class FakeBlueskyNormaliser : IRawPostNormaliser
{
    public string Source => PostSources.Bluesky;

    public List<(DateTimeOffset Hour, long[] LeaveOut)> Calls { get; } = [];

    public async Task<NormaliseSummary> NormaliseHourAsync(
        DateTimeOffset hour, Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken = default)
    {
        Calls.Add((hour, [.. leaveOut.Order()]));
        using var reader = new StreamReader(rawLines, leaveOpen: true);
        long lines = 0, posts = 0, leftOut = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines++;
            var id = JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64();
            if (leaveOut.Contains(id))
            {
                leftOut++;
                continue;
            }

            posts++;
            await canonicalOut.WriteAsync(Encoding.UTF8.GetBytes($"{{\"id\":{id},\"source\":\"bluesky\",\"version\":{NormaliserVersion.Current}}}\n"), cancellationToken);
        }

        return new NormaliseSummary(lines, posts, 0, new Dictionary<string, long>(), 0, leftOut);
    }
}
