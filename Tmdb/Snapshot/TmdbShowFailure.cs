using TrendingTv.Tmdb.Client;
namespace TrendingTv.Tmdb.Snapshot;

/// <summary>A catalogue show the snapshot could not take, and why.</summary>
public sealed record TmdbShowFailure(long Id, string Name, TmdbFailureKind Kind, string Reason);
