using System.Text.RegularExpressions;

namespace TrendingTv.DataLake.Storage;

/// <summary>Where the lake lives: a local directory, or an S3 bucket with an optional key prefix.</summary>
public sealed partial record LakeUri
{
    private LakeUri(LakeKind kind, string? localPath, string? bucket, string prefix)
    {
        Kind = kind;
        LocalPath = localPath;
        Bucket = bucket;
        Prefix = prefix;
    }

    public LakeKind Kind { get; }

    /// <summary>The absolute directory of a local lake; null for S3.</summary>
    public string? LocalPath { get; }

    /// <summary>The bucket of an S3 lake; null for a local lake.</summary>
    public string? Bucket { get; }

    /// <summary>The key prefix of an S3 lake without slashes at either end ("" for the bucket root).</summary>
    public string Prefix { get; }

    public bool IsLocal => Kind == LakeKind.Local;

    /// <summary>
    /// Parses <c>./lake</c>, <c>/abs/path</c>, <c>file:///abs/path</c> or <c>s3://bucket[/prefix]</c>.
    /// Relative paths are resolved against <paramref name="baseDirectory"/> (default: the current directory).
    /// </summary>
    /// <exception cref="FormatException">The text is not a lake root; the message says why.</exception>
    public static LakeUri Parse(string text, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("The lake root is empty; expected a directory, file:///path or s3://bucket[/prefix].");
        }

        if (Redact(trimmed) != trimmed)
        {
            throw new FormatException(
                $"The lake root '{Redact(trimmed)}' carries credentials before '@'; give s3://bucket[/prefix] and the credentials " +
                "through the AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile or an instance role).");
        }

        if (trimmed.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseS3(text, trimmed["s3://".Length..]);
        }

        if (trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var fileUri) || !fileUri.IsFile || !string.IsNullOrEmpty(fileUri.Host))
            {
                throw new FormatException($"The lake root '{text}' is not a local file URI; expected file:///absolute/path.");
            }

            return Local(fileUri.LocalPath);
        }

        if (SchemePattern().IsMatch(trimmed))
        {
            throw new FormatException($"The lake root '{text}' has an unsupported scheme; expected a directory, file:///path or s3://bucket[/prefix].");
        }

        return Local(Path.GetFullPath(trimmed, baseDirectory ?? Directory.GetCurrentDirectory()));
    }

    /// <summary>
    /// <paramref name="text"/> with the user info of every URI in it (<c>s3://KEY:SECRET@bucket</c>) replaced
    /// by <c>***</c>: safe to print or log.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = new System.Text.StringBuilder(text.Length);
        var position = 0;
        for (var scheme = text.IndexOf("://", StringComparison.Ordinal); scheme >= 0; scheme = text.IndexOf("://", position, StringComparison.Ordinal))
        {
            var start = scheme + 3;
            var end = text.IndexOfAny(UriEnd, start) is var stop and >= 0 ? stop : text.Length;
            var at = text.LastIndexOf('@', end - 1, end - start);
            redacted.Append(text, position, start - position);
            if (at >= start && IsUserInfo(text.AsSpan(start, at - start)))
            {
                redacted.Append("***");
                start = at;
            }

            redacted.Append(text, start, end - start);
            position = end;
            if (end == text.Length)
            {
                break;
            }
        }

        return redacted.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>True and the parsed root, or false and the reason.</summary>
    public static bool TryParse(string? text, out LakeUri? lake, out string? error)
    {
        try
        {
            lake = Parse(text ?? string.Empty);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            lake = null;
            error = e.Message;
            return false;
        }
    }

    public static LakeUri Local(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (directory.Any(char.IsControl))
        {
            throw new FormatException("The lake directory contains a control character.");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return new LakeUri(LakeKind.Local, full, null, string.Empty);
    }

    /// <summary>The URI of one object: a file:// URI for local lakes, s3://bucket/prefix/key for S3.</summary>
    public string UriOf(string key)
    {
        ObjectKey.Validate(key);
        return Kind == LakeKind.Local
            ? new Uri(Path.Combine(LocalPath!, key)).AbsoluteUri
            : $"s3://{Bucket}/{(Prefix.Length == 0 ? key : Prefix + "/" + key)}";
    }

    /// <summary>The local file path of one object of a local lake.</summary>
    public string LocalPathOf(string key)
    {
        ObjectKey.Validate(key);
        if (Kind != LakeKind.Local)
        {
            throw new InvalidOperationException($"The lake {this} is not local.");
        }

        return Path.Combine(LocalPath!, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public override string ToString() => Kind == LakeKind.Local
        ? new Uri(LocalPath! + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/')
        : Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";

    private static LakeUri ParseS3(string original, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!BucketPattern().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            throw new FormatException($"The lake root '{original}' does not name a valid S3 bucket (3-63 lower-case letters, digits, '.', '-').");
        }

        if (prefix.Length > 0)
        {
            try
            {
                ObjectKey.Validate(prefix, "prefix");
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"The lake root '{original}' has an invalid key prefix: {e.Message}", e);
            }
        }

        return new LakeUri(LakeKind.S3, null, bucket, prefix);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+://")]
    private static partial Regex SchemePattern();

    private static readonly char[] UriEnd = [' ', '\t', '\r', '\n', '\'', '"', '`'];

    // What precedes the last '@' of a URI is user info when it holds a ':' (KEY:SECRET, even a secret with '/')
    // or no '/' (the '@' is in the authority: s3://KEY@bucket). s3://bucket/a@b is a prefix with an '@'.
    private static bool IsUserInfo(ReadOnlySpan<char> beforeAt) => beforeAt.Contains(':') || !beforeAt.Contains('/');
}

/// <summary>The two kinds of lake.</summary>
public enum LakeKind
{
    Local,
    S3,
}
