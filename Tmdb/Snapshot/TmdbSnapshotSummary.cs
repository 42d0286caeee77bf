using System.Globalization;
using System.Text;

namespace TrendingTv.Tmdb.Snapshot;

/// <summary>
/// The outcome of one daily snapshot: the lake key written (null when nothing was uploaded), how
/// many of the catalogue's shows succeeded and which failed. The snapshot fails — nothing uploaded,
/// non-zero exit — when nothing succeeded or more than <see cref="MaxFailureShare"/> of the shows
/// failed; it stops as soon as the latter is certain (<see cref="StoppedEarly"/>), leaving
/// <see cref="NotTaken"/> shows unrequested or their calls cancelled.
/// </summary>
public sealed record TmdbSnapshotSummary(
    DateOnly Date,
    string? KeyWritten,
    int Requested,
    int Succeeded,
    IReadOnlyList<TmdbShowFailure> Failed,
    double MaxFailureShare)
{
    /// <summary>True when the snapshot stopped before taking every show, because too many had failed.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Shows neither taken nor failed: not requested, or their call cancelled, because the snapshot stopped early.</summary>
    public int NotTaken { get; init; }

    /// <summary>The share of the catalogue's shows that failed (1 for an empty catalogue).</summary>
    public double FailureShare => Requested == 0 ? 1 : (double)Failed.Count / Requested;

    /// <summary>True when nothing succeeded or more than <see cref="MaxFailureShare"/> failed.</summary>
    public bool ExceedsFailureThreshold => Succeeded == 0 || TooManyFailures(Failed.Count, Requested, MaxFailureShare);

    /// <summary>The most shows of <paramref name="requested"/> that may fail within <paramref name="maxFailureShare"/>.</summary>
    public static int AllowedFailures(int requested, double maxFailureShare)
    {
        var allowed = 0;
        while (allowed < requested && !TooManyFailures(allowed + 1, requested, maxFailureShare))
        {
            allowed++;
        }

        return allowed;
    }

    /// <summary>True when <paramref name="failed"/> of <paramref name="requested"/> shows is more than <paramref name="maxFailureShare"/>.</summary>
    public static bool TooManyFailures(int failed, int requested, double maxFailureShare) =>
        requested == 0 || (double)failed / requested > maxFailureShare;

    /// <summary>One line: the counts and whether the file was uploaded.</summary>
    public string Headline()
    {
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"TMDB snapshot {Date:yyyy-MM-dd}: {Succeeded} of {Requested} shows succeeded, {Failed.Count} failed ({FailureShare:P1}; at most {MaxFailureShare:P1} may fail)");
        if (StoppedEarly)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{counts}; stopped early because more than {AllowedFailures(Requested, MaxFailureShare)} shows failed, {NotTaken} not taken; nothing uploaded.");
        }

        return KeyWritten is not null
            ? $"{counts}; uploaded {KeyWritten}."
            : ExceedsFailureThreshold
                ? $"{counts}; nothing uploaded: {(Succeeded == 0 ? "no show succeeded" : "too many shows failed")}."
                : $"{counts}; nothing uploaded.";
    }

    /// <summary>A few lines for a console or a log: <see cref="Headline"/>, then one line per failed show.</summary>
    public string Describe()
    {
        var text = new StringBuilder().AppendLine(Headline());
        foreach (var failure in Failed)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  failed {failure.Id} ({failure.Name}): {failure.Reason}");
        }

        return text.ToString();
    }
}
