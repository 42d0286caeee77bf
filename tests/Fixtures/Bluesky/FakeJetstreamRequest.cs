namespace TrendingTv.Fixtures.Bluesky;

/// <summary>One connection attempt a <see cref="FakeJetstreamServer"/> received.</summary>
/// <param name="Path">The request path, e.g. <c>/subscribe</c>.</param>
/// <param name="QueryString">The query string as sent, with its leading '?'.</param>
/// <param name="WantedCollections">Each <c>wantedCollections</c> parameter, in order.</param>
/// <param name="Cursor">The <c>cursor</c> parameter, when sent.</param>
/// <param name="IsWebSocket">Whether it asked for a WebSocket upgrade.</param>
public sealed record FakeJetstreamRequest(string Path, string QueryString, IReadOnlyList<string> WantedCollections, long? Cursor, bool IsWebSocket);
