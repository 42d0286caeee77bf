using System.Text;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Streamer.Sources.Bluesky;
using TrendingTv.Synthetic.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

/// <summary>The Synthetic stand-in as the demo uses it: a generated file served to the real client, honouring cursor and wantedCollections.</summary>
public sealed class JetstreamStandInTests : IDisposable
{
    private static readonly DateOnly Start = new(2026, 5, 25);
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60)); // a safety net, not timing

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_generated_file_is_served_from_the_cursor_with_only_the_wanted_collections()
    {
        var catalogue = ShowCatalogue.LoadDefault();
        var path = Path.Combine(_folder, "week.jsonl");
        var generator = new JetstreamEventGenerator(catalogue, seed: 7, JetstreamEventMix.Firehose, new DateTimeOffset(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 4000).Select(_ => generator.NextJson()));
        var written = File.ReadLines(path).Count();
        var lines = File.ReadAllLines(path);
        var cursorLine = JetstreamEventReader.Read(Encoding.UTF8.GetBytes(lines[2500]));
        var expected = lines.Select(l => JetstreamEventReader.Read(Encoding.UTF8.GetBytes(l)))
            .Count(e => e.TimeUs >= cursorLine.TimeUs - 1_000_000 && e.Kind is not JetstreamEventKind.OtherCollection);
        await using var standIn = await JetstreamStandIn.ServeFileAsync(path);
        var client = new JetstreamClient(Options.Create(new BlueskyOptions { Instances = [standIn.SubscribeUri.AbsoluteUri], CursorMargin = TimeSpan.FromSeconds(1) }));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in client.ReadAsync(cursorLine.TimeUs, stop.Token))
            {
            }
        });
        while (client.Statistics.Messages < expected && !_timeout.IsCancellationRequested)
        {
            await Task.Delay(10); // polling the client's count, not timing anything
        }

        await stop.CancelAsync();
        await reading;

        Assert.Equal(4000, written);
        Assert.Equal(expected, client.Statistics.Messages);
        Assert.Equal(0, client.Statistics.OtherCollection); // likes, follows and blocks were not sent
        Assert.True(client.Statistics.Identity + client.Statistics.Account > 0); // identity and account events go to everyone
    }
}
