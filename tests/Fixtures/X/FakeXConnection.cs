namespace TrendingTv.Fixtures.X;

/// <summary>
/// What <see cref="FakeXServer"/> does with one stream connection attempt: refuse it with a status
/// (503, 429, ...) or accept it and play <see cref="Steps"/>.
/// </summary>
public sealed record FakeXConnection(int Status, IReadOnlyList<FakeXStreamStep> Steps, string? Body = null)
{
    /// <summary>Refuses the connection with <paramref name="status"/> and an X-style error body.</summary>
    public static FakeXConnection Refuse(int status, string? title = null) =>
        new(status, [], $$"""{"title":"{{title ?? "Error"}}","detail":"scripted {{status}}","type":"about:blank","status":{{status}}}""");

    /// <summary>Accepts the connection and plays the steps (after the last, the connection stalls).</summary>
    public static FakeXConnection Accept(params FakeXStreamStep[] steps) => new(200, steps);
}
