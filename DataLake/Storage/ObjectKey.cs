namespace TrendingTv.DataLake.Storage;

/// <summary>
/// Rules for object keys: relative, '/'-separated, no '.' or '..' segment, no empty segment, no
/// backslash, no control character. The key of a stored object also does not end with '/'
/// (<see cref="ValidateObject"/>).
/// </summary>
public static class ObjectKey
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the key when it breaks a rule.</summary>
    public static string Validate(string key, string parameterName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        var problem = Problem(key, allowEmpty: false);
        return problem is null ? key : throw new ArgumentException($"Invalid object key '{Printable(key)}': {problem}.", parameterName);
    }

    /// <summary>
    /// <see cref="Validate"/>, and the key does not end with '/': the stores refuse such keys, since "a/"
    /// names a folder (S3 would store a marker object; a directory cannot be a file).
    /// </summary>
    public static string ValidateObject(string key, string parameterName = "key")
    {
        Validate(key, parameterName);
        return key[^1] != '/' ? key : throw new ArgumentException($"Invalid object key '{Printable(key)}': it ends with '/'.", parameterName);
    }

    /// <summary>Validates a listing prefix: "" (everything) or a key-like string.</summary>
    public static string ValidatePrefix(string prefix, string parameterName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        var problem = Problem(prefix, allowEmpty: true);
        return problem is null ? prefix : throw new ArgumentException($"Invalid key prefix '{Printable(prefix)}': {problem}.", parameterName);
    }

    private static string? Problem(string key, bool allowEmpty)
    {
        if (key.Length == 0)
        {
            return allowEmpty ? null : "it is empty";
        }

        if (key[0] == '/')
        {
            return "it starts with '/'";
        }

        foreach (var c in key)
        {
            if (c == '\\')
            {
                return "it contains a backslash";
            }

            if (char.IsControl(c))
            {
                return "it contains a control character";
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is ".." or ".")
            {
                return $"it contains a '{segment}' segment";
            }
        }

        if (key.Contains("//", StringComparison.Ordinal))
        {
            return "it contains an empty segment ('//')";
        }

        return null;
    }

    private static string Printable(string key) =>
        string.Concat(key.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
