namespace TrendingTv.DataLake.Posts;

/// <summary>
/// What <see cref="NormaliseRun"/> needs of a source's rules: one raw line to a canonical post, a skip or a
/// quarantine, deduplicated against <c>seen</c> and leaving out the ids in <c>leaveOut</c>.
/// </summary>
internal interface ILineNormaliser
{
    /// <summary>The longest raw line read; longer ones are quarantined unbuffered.</summary>
    int MaxLineBytes { get; }

    /// <summary>
    /// Normalises one line. A post whose id is in <paramref name="leaveOut"/>, or already in <paramref name="seen"/>,
    /// gives <c>default</c> with <paramref name="dropped"/> saying which.
    /// </summary>
    NormalisedLine NormaliseLine(ReadOnlySpan<byte> line, HashSet<long>? seen, IReadOnlySet<long>? leaveOut, out PostDrop dropped);
}
