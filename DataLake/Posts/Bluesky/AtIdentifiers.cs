namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// The AT Protocol's syntax rules for the two identifiers that go into a post's URI: the DID
/// (<c>did:method:identifier</c>) and the record key (1–512 of <c>A-Za-z0-9 . - _ : ~</c>, not <c>.</c> or <c>..</c>).
/// </summary>
internal static class AtIdentifiers
{
    private const int MaxDidLength = 2048;
    private const int MaxRecordKeyLength = 512;

    public static bool IsDid(string did)
    {
        if (did.Length > MaxDidLength || !did.StartsWith("did:", StringComparison.Ordinal))
        {
            return false;
        }

        var methodEnd = did.IndexOf(':', 4);
        if (methodEnd <= 4 || methodEnd == did.Length - 1 || did[^1] is ':' or '%')
        {
            return false;
        }

        for (var i = 4; i < methodEnd; i++)
        {
            if (!char.IsAsciiLetterLower(did[i]))
            {
                return false;
            }
        }

        for (var i = methodEnd + 1; i < did.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(did[i]) && did[i] is not ('.' or '_' or ':' or '%' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsRecordKey(string key)
    {
        if (key.Length is 0 or > MaxRecordKeyLength || key is "." or "..")
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or ':' or '~'))
            {
                return false;
            }
        }

        return true;
    }
}
