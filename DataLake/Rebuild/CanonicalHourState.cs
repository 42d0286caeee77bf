namespace TrendingTv.DataLake.Rebuild;

/// <summary>How a canonical hour stands against its raw hour (docs/canonical-records.md, "Staleness").</summary>
public enum CanonicalHourState
{
    /// <summary>Its manifest matches the raw hour, the canonical file and this build's version.</summary>
    Current,

    /// <summary>There is no raw hour (or it is empty): nothing to rebuild from; a canonical file, if any, is left alone.</summary>
    NoRaw,

    /// <summary>Written by a newer normaliser version than this build's: left alone (rebuilding would undo newer rules).</summary>
    NewerVersion,

    /// <summary>Stale: the raw hour has no canonical file.</summary>
    Missing,

    /// <summary>Stale: the canonical file is empty while its manifest (or, without one, the raw hour) says there are posts.</summary>
    Empty,

    /// <summary>Stale: no manifest (written by an uploader or build without manifests, or a rebuild cut short), so its post count is unknown.</summary>
    Unverified,

    /// <summary>Stale: written by an older normaliser version.</summary>
    OlderVersion,

    /// <summary>Stale: the raw hour is not the one the canonical file was built from (re-uploaded with late posts).</summary>
    RawChanged,

    /// <summary>Stale: the canonical file is not the one its manifest describes (truncated, replaced, rewritten).</summary>
    CanonicalChanged,

    /// <summary>Stale: deletes were logged since the hour was built.</summary>
    DeletesChanged,
}
