using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>The registered <see cref="IRawPostNormaliser"/>s by source: which sources this build can rebuild.</summary>
public sealed class RawPostNormalisers
{
    private readonly Dictionary<string, IRawPostNormaliser> _bySource = new(StringComparer.Ordinal);

    public RawPostNormalisers(IEnumerable<IRawPostNormaliser> normalisers)
    {
        ArgumentNullException.ThrowIfNull(normalisers);
        foreach (var normaliser in normalisers)
        {
            if (!_bySource.TryAdd(normaliser.Source, normaliser))
            {
                throw new ArgumentException($"Two normalisers are registered for source '{normaliser.Source}'.", nameof(normalisers));
            }
        }

        Sources = [.. PostSources.All.Where(_bySource.ContainsKey)];
    }

    /// <summary>The sources with a normaliser, in <see cref="PostSources.All"/> order.</summary>
    public IReadOnlyList<string> Sources { get; }

    public bool Supports(string source) => _bySource.ContainsKey(source);

    /// <summary>The source's normaliser.</summary>
    /// <exception cref="NotSupportedException">This build has none for the source.</exception>
    public IRawPostNormaliser For(string source) => _bySource.TryGetValue(source, out var normaliser)
        ? normaliser
        : throw new NotSupportedException($"This build cannot rebuild source '{source}': it has no normaliser for it (sources it can rebuild: {string.Join(", ", Sources)}).");
}
