namespace TrendingTv.Activities.Dag;

/// <summary>One canonical hour of one source to rebuild, with the reason it was found stale.</summary>
public sealed record CanonicalHourRequest(string Source, DateTimeOffset Hour, string Reason);
