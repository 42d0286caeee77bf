using System.Text.Json.Serialization;

namespace TrendingTv.Tmdb.Client;

/// <summary>Source-generated serialisation of the TMDB models (snake_case, as the API names fields).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TmdbTvSeries))]
[JsonSerializable(typeof(TmdbPage<TmdbTvListItem>))]
[JsonSerializable(typeof(TmdbGenreList))]
[JsonSerializable(typeof(TmdbErrorBody))]
internal sealed partial class TmdbJsonContext : JsonSerializerContext;
