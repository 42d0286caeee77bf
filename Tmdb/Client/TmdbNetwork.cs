namespace TrendingTv.Tmdb.Client;

/// <summary>A network of a TV series. <see cref="OriginCountry"/> can be an empty string (a real TMDB quirk).</summary>
public sealed record TmdbNetwork
{
    public int Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? OriginCountry { get; init; }

    public string? LogoPath { get; init; }
}
