namespace TrendingTv.Streamer.Sources.X;

/// <summary>A filtered-stream rule: its value (the query), tag (our show id) and, for existing rules, X's id.</summary>
public sealed record XStreamRule(string Value, string? Tag, string? Id = null);
