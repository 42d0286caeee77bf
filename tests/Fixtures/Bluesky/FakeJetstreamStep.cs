using System.Net.WebSockets;
using System.Text;

namespace TrendingTv.Fixtures.Bluesky;

/// <summary>One thing a <see cref="FakeJetstreamServer"/> connection does, in script order.</summary>
public sealed class FakeJetstreamStep
{
    private FakeJetstreamStep(StepKind kind)
    {
        Kind = kind;
    }

    internal enum StepKind
    {
        Send,
        SendMany,
        PartialThenDrop,
        Close,
        Drop,
        WaitFor,
        Stall,
    }

    internal StepKind Kind { get; }

    internal ReadOnlyMemory<byte> Payload { get; private init; }

    internal IEnumerable<ReadOnlyMemory<byte>> Payloads { get; private init; } = [];

    internal WebSocketMessageType MessageType { get; private init; } = WebSocketMessageType.Text;

    /// <summary>Frame size of <see cref="StepKind.Send"/>; 0 for one frame.</summary>
    internal int FrameBytes { get; private init; }

    internal WebSocketCloseStatus CloseStatus { get; private init; }

    internal string? CloseDescription { get; private init; }

    internal Task Signal { get; private init; } = Task.CompletedTask;

    /// <summary>One text message, as Jetstream sends each event.</summary>
    public static FakeJetstreamStep Text(string json) => Bytes(Encoding.UTF8.GetBytes(json));

    /// <summary>One message of raw bytes (e.g. invalid UTF-8 in a text frame, or a binary frame).</summary>
    public static FakeJetstreamStep Bytes(ReadOnlyMemory<byte> payload, WebSocketMessageType type = WebSocketMessageType.Text) =>
        new(StepKind.Send) { Payload = payload, MessageType = type };

    /// <summary>One text message split into frames of <paramref name="frameBytes"/> bytes.</summary>
    public static FakeJetstreamStep Fragmented(string json, int frameBytes) =>
        new(StepKind.Send) { Payload = Encoding.UTF8.GetBytes(json), FrameBytes = frameBytes };

    /// <summary>Many text messages, enumerated as they are sent (a generator need not hold them all).</summary>
    public static FakeJetstreamStep Messages(IEnumerable<ReadOnlyMemory<byte>> payloads) => new(StepKind.SendMany) { Payloads = payloads };

    /// <summary>
    /// The first <paramref name="bytes"/> bytes of a message as a frame that is not its last, then the connection ended
    /// without a close frame (what was sent is delivered first).
    /// </summary>
    public static FakeJetstreamStep PartialThenDrop(string json, int bytes) =>
        new(StepKind.PartialThenDrop) { Payload = Encoding.UTF8.GetBytes(json).AsMemory(0, bytes) };

    /// <summary>A close frame with this status and reason.</summary>
    public static FakeJetstreamStep Close(WebSocketCloseStatus status, string description) =>
        new(StepKind.Close) { CloseStatus = status, CloseDescription = description };

    /// <summary>The connection ended without a close frame, after what was sent is delivered.</summary>
    public static FakeJetstreamStep Drop { get; } = new(StepKind.Drop);

    /// <summary>Nothing until <paramref name="signal"/> completes (a test's gate), then the next step.</summary>
    public static FakeJetstreamStep WaitFor(Task signal) => new(StepKind.WaitFor) { Signal = signal };

    /// <summary>Nothing more: the connection stays open and silent until the client leaves (also what follows the last step).</summary>
    public static FakeJetstreamStep Stall { get; } = new(StepKind.Stall);
}
