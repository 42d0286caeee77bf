namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Turns one source's raw hour (its payloads as received, one a line) into canonical JSON lines: the seam through
/// which the rebuild regenerates any source's canonical layer. X is <see cref="PostNormaliser"/>; each source
/// registers one implementation (<c>TryAddEnumerable</c>) and the rebuild picks it by <see cref="Source"/>.
/// </summary>
/// <remarks>
/// Implementations must be deterministic: the same raw bytes (and the same <c>leaveOut</c>) give the same canonical
/// bytes, so that a rebuild is idempotent. Records carry <see cref="NormaliserVersion.Current"/>.
/// </remarks>
public interface IRawPostNormaliser
{
    /// <summary>The source this normaliser reads (<see cref="PostSources"/>).</summary>
    string Source { get; }

    /// <summary>
    /// Normalises the raw lines of <paramref name="hour"/> to <paramref name="canonicalOut"/> (one post per distinct
    /// id, first wins), leaving out posts whose ids are in <paramref name="leaveOut"/> (deleted ones); quarantined
    /// lines, as JSON lines, to <paramref name="quarantineOut"/> when given.
    /// </summary>
    Task<NormaliseSummary> NormaliseHourAsync(
        DateTimeOffset hour, Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken = default);
}
