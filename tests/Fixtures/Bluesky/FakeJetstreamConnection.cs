namespace TrendingTv.Fixtures.Bluesky;

/// <summary>How the <see cref="FakeJetstreamServer"/> answers one connection attempt.</summary>
public sealed class FakeJetstreamConnection
{
    private FakeJetstreamConnection(int refuseStatus, IReadOnlyList<FakeJetstreamStep> steps)
    {
        RefuseStatus = refuseStatus;
        Steps = steps;
    }

    /// <summary>The HTTP status refusing the upgrade; 0 when accepted.</summary>
    public int RefuseStatus { get; }

    public IReadOnlyList<FakeJetstreamStep> Steps { get; }

    /// <summary>Answers the upgrade request with an HTTP error instead of a WebSocket.</summary>
    public static FakeJetstreamConnection Refuse(int status = 503) => new(status, []);

    /// <summary>Accepts, then plays the steps; after the last one the connection stays open and silent.</summary>
    public static FakeJetstreamConnection Accept(params FakeJetstreamStep[] steps) => new(0, steps);
}
