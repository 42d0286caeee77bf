namespace TrendingTv.Tmdb.Client;

/// <summary>A parsed TMDB response and its body exactly as received (for the lake).</summary>
public sealed record TmdbResponse<T>(T Value, byte[] RawJson);
