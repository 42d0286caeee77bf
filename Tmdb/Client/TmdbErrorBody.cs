namespace TrendingTv.Tmdb.Client;

/// <summary>TMDB's error body: <c>{"success":false,"status_code":34,"status_message":"…"}</c>.</summary>
internal sealed record TmdbErrorBody
{
    public int? StatusCode { get; init; }

    public string? StatusMessage { get; init; }
}
