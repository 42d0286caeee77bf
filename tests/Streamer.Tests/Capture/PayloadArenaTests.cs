using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Tests.Capture;

public sealed class PayloadArenaTests
{
    [Fact]
    public void A_copy_holds_exactly_the_payload_bytes()
    {
        var arena = new PayloadArena(chunkBytes: 1024);
        var first = arena.Copy("""{"id":1}"""u8);
        var second = arena.Copy("""{"id":22}"""u8);

        Assert.Equal("""{"id":1}"""u8.ToArray(), first.ToArray());
        Assert.Equal("""{"id":22}"""u8.ToArray(), second.ToArray());
    }

    [Fact]
    public void A_chunk_is_reused_once_every_payload_in_it_is_released()
    {
        var arena = new PayloadArena(chunkBytes: 1024);
        var p1 = arena.Copy(Bytes(600, 1)); // chunk A
        var p2 = arena.Copy(Bytes(600, 2)); // chunk B (A is full)
        var p3 = arena.Copy(Bytes(600, 3)); // chunk C
        PayloadArena.Release(p1);          // A is now free

        var p4 = arena.Copy(Bytes(600, 4)); // reuses A

        Assert.True(SameStart(p1, p4));
        Assert.Equal(Bytes(600, 2), p2.ToArray());
        Assert.Equal(Bytes(600, 3), p3.ToArray());
        Assert.Equal(Bytes(600, 4), p4.ToArray());
    }

    [Fact]
    public void A_chunk_is_not_reused_while_one_of_its_payloads_is_outstanding()
    {
        var arena = new PayloadArena(chunkBytes: 1024);
        var p1 = arena.Copy(Bytes(400, 1));
        var p2 = arena.Copy(Bytes(400, 2)); // same chunk as p1
        _ = arena.Copy(Bytes(600, 3));      // next chunk; the first is sealed
        PayloadArena.Release(p1);

        var p4 = arena.Copy(Bytes(600, 4));
        var p5 = arena.Copy(Bytes(600, 5));

        Assert.False(SameStart(p1, p4) || SameStart(p1, p5));
        Assert.Equal(Bytes(400, 2), p2.ToArray());
    }

    [Fact]
    public void A_payload_larger_than_a_chunk_gets_its_own_array_and_release_is_a_no_op()
    {
        var arena = new PayloadArena(chunkBytes: 1024);
        var big = arena.Copy(Bytes(5000, 7));

        Assert.True(MemoryMarshal.TryGetArray(big, out var segment));
        Assert.Equal(5000, segment.Array!.Length);
        PayloadArena.Release(big);
        PayloadArena.Release(new byte[] { 1, 2, 3 });
        Assert.Equal(Bytes(5000, 7), big.ToArray());
    }

    [Fact]
    public async Task Payloads_released_on_another_thread_while_copying_continues_keep_their_bytes_until_released()
    {
        var arena = new PayloadArena(chunkBytes: 4096, maxIdleBytes: 64 * 1024);
        var inFlight = System.Threading.Channels.Channel.CreateBounded<(ReadOnlyMemory<byte> Payload, byte Fill)>(64);
        var consumer = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var (payload, fill) in inFlight.Reader.ReadAllAsync())
            {
                Assert.All(payload.ToArray(), b => Assert.Equal(fill, b));
                PayloadArena.Release(payload);
                count++;
            }

            return count;
        });

        for (var i = 0; i < 20_000; i++)
        {
            var fill = (byte)(i % 251);
            await inFlight.Writer.WriteAsync((arena.Copy(Bytes(100 + (i % 900), fill)), fill));
        }

        inFlight.Writer.Complete();
        Assert.Equal(20_000, await consumer);
    }

    [Fact]
    public void A_pinned_payload_points_at_its_first_byte()
    {
        var arena = new PayloadArena(chunkBytes: 1024);
        _ = arena.Copy(Bytes(10, 1));
        var payload = arena.Copy(Bytes(10, 9));

        using var pin = payload.Pin();

        unsafe
        {
            Assert.Equal(9, *(byte*)pin.Pointer);
        }
    }

    private static byte[] Bytes(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    private static bool SameStart(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) =>
        Unsafe.AreSame(ref MemoryMarshal.GetReference(a.Span), ref MemoryMarshal.GetReference(b.Span));
}
