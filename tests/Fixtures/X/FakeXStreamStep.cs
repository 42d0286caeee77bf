namespace TrendingTv.Fixtures.X;

/// <summary>One step of a scripted stream connection of <see cref="FakeXServer"/>.</summary>
public sealed record FakeXStreamStep(FakeXStreamStepKind Kind, string? Line = null)
{
    /// <summary>Sends one message line followed by <c>\r\n</c>.</summary>
    public static FakeXStreamStep Message(string json) => new(FakeXStreamStepKind.Message, json);

    /// <summary>Sends a keep-alive <c>\r\n</c>.</summary>
    public static FakeXStreamStep Heartbeat { get; } = new(FakeXStreamStepKind.Heartbeat);

    /// <summary>Aborts the TCP connection mid-stream, once the test calls <see cref="FakeXServer.ReleaseDisconnect"/>.</summary>
    public static FakeXStreamStep Disconnect { get; } = new(FakeXStreamStepKind.Disconnect);

    /// <summary>Sends nothing more until the client gives up.</summary>
    public static FakeXStreamStep Stall { get; } = new(FakeXStreamStepKind.Stall);

    /// <summary>Ends the response normally.</summary>
    public static FakeXStreamStep End { get; } = new(FakeXStreamStepKind.End);
}

/// <summary>The kinds of <see cref="FakeXStreamStep"/>.</summary>
public enum FakeXStreamStepKind
{
    Message,
    Heartbeat,
    Disconnect,
    Stall,
    End,
}
