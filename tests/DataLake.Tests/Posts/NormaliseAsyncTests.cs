using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>Whole inputs: counts, first-wins de-duplication, quarantine output, and line splitting across reads.</summary>
public sealed class NormaliseAsyncTests
{
    private const string Mixed = "mixed-v1-v2-blank-garbage-duplicates-truncated-last-line.jsonl";

    private readonly PostNormaliser _normaliser = new();

    [Fact]
    public async Task Mixed_file_is_processed_to_the_end_with_exact_counts()
    {
        var (summary, canonical, quarantine) = await RunAsync(PostTestData.Bytes(Mixed));

        Assert.Equal(15, summary.LinesRead);
        Assert.Equal(5, summary.PostsWritten);
        Assert.Equal(2, summary.DuplicatesDropped);
        Assert.Equal(new Dictionary<string, long> { ["blank"] = 2, ["delete"] = 1, ["errors"] = 1 }, summary.SkippedByKind);
        Assert.Equal(4, summary.Quarantined);
        Assert.Equal(summary.LinesRead, summary.PostsWritten + summary.DuplicatesDropped + summary.Skipped + summary.Quarantined);

        Assert.Equal(
            [(1330948384349515777L, "v1"), (1377650387579248643L, "v2"), (1331000000000000777L, "v1"), (1512345678901234567L, "v2"), (1012345678L, "v1")],
            canonical.Select(post => (post.Id, post.Format)));
        Assert.Equal([5L, 10, 12, 15], quarantine.Select(q => q.GetProperty("line").GetInt64()));
        Assert.Equal("this is not json", quarantine[0].GetProperty("raw").GetString());
        Assert.StartsWith("invalid JSON: ", quarantine[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("post 5: missing created_at", quarantine[1].GetProperty("reason").GetString());
        Assert.StartsWith("invalid JSON: ", quarantine[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("truncated last line (no newline at the end of the input): invalid JSON", quarantine[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(300, Encoding.UTF8.GetByteCount(quarantine[3].GetProperty("raw").GetString()!));
    }

    [Fact]
    public async Task Canonical_output_of_the_mixed_file_equals_normalising_each_line()
    {
        var (_, canonical, _) = await RunAsync(PostTestData.Bytes(Mixed));

        var expected = new[]
            {
                "v1-plain.json", "v2-plain.json", "v1-retweet-of-extended-post-hashtags-after-140th-char.json",
                "v2-note-tweet-long-post.json", "v1-old-post-without-id-str-and-entities.json",
            }
            .Select(name => _normaliser.Normalise(PostTestData.Line(name)).Post!);
        Assert.Equal(expected, canonical);
    }

    [Fact]
    public async Task First_occurrence_of_a_duplicate_id_wins()
    {
        var input = """
            {"id":9,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"first"}
            {"id_str":"9","created_at":"Mon Nov 23 18:09:05 +0000 2020","text":"second"}
            {"data":{"id":"9","created_at":"2020-11-23T18:10:00.000Z","text":"third"}}
            """;

        var (summary, canonical, _) = await RunAsync(Encoding.UTF8.GetBytes(input));

        Assert.Equal(("first", 1L, 2L), (canonical.Single().Text, summary.PostsWritten, summary.DuplicatesDropped));
    }

    [Fact]
    public async Task Last_line_without_newline_that_is_complete_is_a_post()
    {
        var input = """{"id":1,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"one"}""" + "\n" + """{"id":2,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"two"}""";

        var (summary, canonical, _) = await RunAsync(Encoding.UTF8.GetBytes(input));

        Assert.Equal((2L, 2L, 0L), (summary.LinesRead, summary.PostsWritten, summary.Quarantined));
        Assert.Equal(["one", "two"], canonical.Select(post => post.Text));
    }

    [Fact]
    public async Task Crlf_lines_and_keep_alives_are_handled()
    {
        var input = "\r\n" + """{"id":1,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"one"}""" + "\r\n\r\n";

        var (summary, canonical, _) = await RunAsync(Encoding.UTF8.GetBytes(input));

        Assert.Equal((3L, 1L, 2L), (summary.LinesRead, summary.PostsWritten, summary.SkippedByKind["blank"]));
        Assert.Equal("one", canonical.Single().Text);
    }

    [Fact]
    public async Task Over_long_line_is_quarantined_by_its_head_and_the_next_lines_still_processed()
    {
        var normaliser = new PostNormaliser(new PostNormaliserOptions { MaxLineBytes = 4096 });
        var huge = """{"id":1,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":" """ + new string('é', 400_000) + "\"}";
        var input = huge + "\n" + """{"id":2,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"after"}""" + "\n";
        var bytes = Encoding.UTF8.GetBytes(input);

        var (summary, canonical, quarantine) = await RunAsync(bytes, normaliser, readSize: 1000);

        Assert.Equal((2L, 1L, 1L), (summary.LinesRead, summary.PostsWritten, summary.Quarantined));
        Assert.Equal("after", canonical.Single().Text);
        var hugeBytes = Encoding.UTF8.GetByteCount(huge);
        Assert.Equal($"line of {hugeBytes} bytes is over the 4096-byte limit", quarantine.Single().GetProperty("reason").GetString());
        Assert.Equal(hugeBytes, quarantine.Single().GetProperty("bytes").GetInt64());
        Assert.StartsWith("{\"id\":1,", quarantine.Single().GetProperty("raw_head").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_garbage_is_quarantined_as_base64()
    {
        byte[] garbage = [0xFF, 0xFE, 0x7B, 0x00, 0xC3];
        var input = garbage.Concat("\n"u8.ToArray()).ToArray();

        var (summary, _, quarantine) = await RunAsync(input);

        Assert.Equal(1, summary.Quarantined);
        Assert.Equal(garbage, quarantine.Single().GetProperty("raw_base64").GetBytesFromBase64());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Real_stream_split_into_small_reads_gives_the_same_output(int readSize)
    {
        var bytes = PostTestData.Bytes("real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl");
        var whole = await RunAsync(bytes);

        var split = await RunAsync(bytes, readSize: readSize);

        Assert.Equal(whole.Summary.PostsWritten, split.Summary.PostsWritten);
        Assert.Equal(whole.Canonical, split.Canonical);
    }

    [Fact]
    public async Task Quarantine_output_is_optional()
    {
        var output = new MemoryStream();

        var summary = await _normaliser.NormaliseAsync(new MemoryStream(PostTestData.Bytes(Mixed)), output, quarantineOut: null);

        Assert.Equal((5L, 4L), (summary.PostsWritten, summary.Quarantined));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _normaliser.NormaliseAsync(new MemoryStream(PostTestData.Bytes(Mixed)), Stream.Null, null, cancelled.Token));
    }

    internal static async Task<(NormaliseSummary Summary, List<CanonicalPost> Canonical, List<JsonElement> Quarantine)> RunAsync(
        byte[] input, PostNormaliser? normaliser = null, int readSize = 0)
    {
        var canonicalOut = new MemoryStream();
        var quarantineOut = new MemoryStream();
        Stream source = readSize > 0 ? new SmallReadStream(input, readSize) : new MemoryStream(input);
        var summary = await (normaliser ?? new PostNormaliser()).NormaliseAsync(source, canonicalOut, quarantineOut);

        var canonical = new List<CanonicalPost>();
        canonicalOut.Position = 0;
        await foreach (var post in CanonicalPostJson.ReadAllAsync(canonicalOut))
        {
            canonical.Add(post);
        }

        var quarantine = Encoding.UTF8.GetString(quarantineOut.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        Assert.Equal(summary.Quarantined, quarantine.Count);
        return (summary, canonical, quarantine);
    }

    /// <summary>A stream that returns at most a few bytes a read, as a network stream may.</summary>
    private sealed class SmallReadStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, readSize), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
