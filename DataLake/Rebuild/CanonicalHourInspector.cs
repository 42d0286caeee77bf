using System.Globalization;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// Decides, from listings and manifests only (never reading a raw or canonical file), whether each canonical hour
/// is current. Read-only. The rules are listed in docs/canonical-records.md ("Staleness").
/// </summary>
internal sealed class CanonicalHourInspector(IObjectStore lake)
{
    public async Task<IReadOnlyList<CanonicalHourCheck>> InspectAsync(string source, IReadOnlyList<DateTimeOffset> hours, DeletesLog deletes, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        foreach (var day in hours.Select(h => DateOnly.FromDateTime(h.UtcDateTime)).Distinct())
        {
            await ListIntoAsync(LakeLayout.RawPostDayPrefix(source, day), objects, cancellationToken);
            await ListIntoAsync(LakeLayout.CanonicalPostDayPrefix(source, day), objects, cancellationToken);
        }

        var checks = new List<CanonicalHourCheck>(hours.Count);
        foreach (var hour in hours)
        {
            var raw = objects.GetValueOrDefault(LakeLayout.RawPostHourKey(source, hour));
            var canonical = objects.GetValueOrDefault(LakeLayout.CanonicalPostHourKey(source, hour));
            var manifestInfo = objects.GetValueOrDefault(CanonicalHourManifest.KeyOf(source, hour));
            var manifest = manifestInfo is null ? null : await ReadManifestAsync(manifestInfo.Key, cancellationToken);
            var (state, reason) = Judge(raw, canonical, manifestInfo, manifest, () => deletes.FingerprintFrom(hour));
            checks.Add(new CanonicalHourCheck(source, hour, state, reason, raw?.Size ?? 0));
        }

        return checks;
    }

    // Long on purpose: one `if` per row of the staleness table in docs/canonical-records.md, first match wins; it reads against that table.
    /// <summary>
    /// The staleness rules, first match wins, one <c>if</c> per row of the table in docs/canonical-records.md.
    /// </summary>
    internal static (CanonicalHourState State, string Reason) Judge(
        ObjectInfo? raw, ObjectInfo? canonical, ObjectInfo? manifestInfo, CanonicalHourManifest? manifest, Func<DeletesFingerprint> deletesNow)
    {
        if (raw is null || raw.Size == 0)
        {
            return (CanonicalHourState.NoRaw, raw is null ? "no raw hour to rebuild from" : "the raw hour is empty");
        }

        if (canonical is null)
        {
            return (CanonicalHourState.Missing, Invariant($"no canonical file for a raw hour of {raw.Size:N0} bytes"));
        }

        if (manifestInfo is null || manifest is null)
        {
            return canonical.Size == 0
                ? (CanonicalHourState.Empty, Invariant($"the canonical file is empty while the raw hour has {raw.Size:N0} bytes"))
                : (CanonicalHourState.Unverified, manifestInfo is null
                    ? "no manifest: how many posts the canonical file should hold is unknown"
                    : "its manifest is unreadable: how many posts the canonical file should hold is unknown");
        }

        if (manifest.Version > NormaliserVersion.Current)
        {
            return (CanonicalHourState.NewerVersion, Invariant($"written by normaliser version {manifest.Version}, newer than this build's {NormaliserVersion.Current}; left as it is"));
        }

        if (manifest.Version < NormaliserVersion.Current)
        {
            return (CanonicalHourState.OlderVersion, Invariant($"written by normaliser version {manifest.Version}; this build writes version {NormaliserVersion.Current}"));
        }

        if (manifest.RawBytes != raw.Size)
        {
            return (CanonicalHourState.RawChanged, Invariant($"built from a raw hour of {manifest.RawBytes:N0} bytes; the raw hour now has {raw.Size:N0}"));
        }

        if (canonical.Size != manifest.CanonicalBytes)
        {
            return canonical.Size == 0
                ? (CanonicalHourState.Empty, Invariant($"the canonical file is empty; its raw hour yields {manifest.Posts:N0} posts"))
                : (CanonicalHourState.CanonicalChanged, Invariant($"the canonical file has {canonical.Size:N0} bytes; its manifest says {manifest.CanonicalBytes:N0} bytes, {manifest.Posts:N0} posts"));
        }

        if (WholeSeconds(canonical.LastModified) > WholeSeconds(manifestInfo.LastModified))
        {
            return (CanonicalHourState.CanonicalChanged, "the canonical file was replaced after its manifest was written");
        }

        var deletes = deletesNow();
        if (deletes != manifest.Deletes)
        {
            return (CanonicalHourState.DeletesChanged, Invariant($"deletes were logged since it was built ({deletes.Files} logs of {deletes.Bytes:N0} bytes now, {manifest.Deletes.Files} of {manifest.Deletes.Bytes:N0} then)"));
        }

        return (CanonicalHourState.Current, Invariant($"current: version {manifest.Version}, {manifest.Posts:N0} posts"));
    }

    private async Task ListIntoAsync(string prefix, Dictionary<string, ObjectInfo> objects, CancellationToken cancellationToken)
    {
        await foreach (var info in lake.ListAsync(prefix, cancellationToken))
        {
            objects[info.Key] = info;
        }
    }

    private async Task<CanonicalHourManifest?> ReadManifestAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return CanonicalHourManifest.TryParse(await lake.ReadBytesAsync(key, cancellationToken));
        }
        catch (ObjectNotFoundException)
        {
            return null; // deleted since the listing: a rebuild is under way
        }
    }

    // Listings and object metadata may carry different sub-second precision, so times compare in whole seconds: a
    // replacement within the second the manifest was written goes unnoticed here, and only the sizes can catch it.
    private static long WholeSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
