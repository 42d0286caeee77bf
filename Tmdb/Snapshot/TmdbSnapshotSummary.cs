using System.Globalization;
using System.Text;

namespace TrendingTv.Tmdb.Snapshot;

/// <summary>
/// The outcome of one daily snapshot: the lake key written (null when nothing was uploaded), how
/// many shows succeeded and which failed. The snapshot fails — nothing uploaded, non-zero exit —
/// when nothing succeeded or more than <see cref="MaxFailureShare"/> of the shows failed.
/// </summary>
public sealed record TmdbSnapshotSummary(
    DateOnly Date,
    string? KeyWritten,
    int Requested,
    int Succeeded,
    IReadOnlyList<TmdbShowFailure> Failed,
    double MaxFailureShare)
{
    /// <summary>The share of the catalogue's shows that failed (1 for an empty catalogue).</summary>
    public double FailureShare => Requested == 0 ? 1 : (double)Failed.Count / Requested;

    /// <summary>True when nothing succeeded or more than <see cref="MaxFailureShare"/> failed.</summary>
    public bool ExceedsFailureThreshold => Succeeded == 0 || FailureShare > MaxFailureShare;

    /// <summary>A few lines for a console or a log: counts, the key, then one line per failed show.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"TMDB snapshot {Date:yyyy-MM-dd}: {Succeeded} of {Requested} shows succeeded, {Failed.Count} failed ({FailureShare:P1}; threshold {MaxFailureShare:P1}).");
        text.AppendLine();
        text.AppendLine(KeyWritten is null
            ? ExceedsFailureThreshold ? "Nothing uploaded: too many shows failed." : "Nothing uploaded."
            : $"Uploaded {KeyWritten}.");
        foreach (var failure in Failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  failed {failure.Id} ({failure.Name}): {failure.Reason}");
        }

        return text.ToString();
    }
}
