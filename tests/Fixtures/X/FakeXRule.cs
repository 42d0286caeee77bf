namespace TrendingTv.Fixtures.X;

/// <summary>A rule held by <see cref="FakeXServer"/>.</summary>
public sealed record FakeXRule(string Id, string Value, string? Tag);
