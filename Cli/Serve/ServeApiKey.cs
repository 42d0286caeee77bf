using System.Security.Cryptography;
using System.Text;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// The key of serve's API, compared in constant time. Configured (<c>Serve:ApiKey</c>), or generated once
/// into the state folder (mode 600) and read from there on later starts. Its value is never logged.
/// </summary>
public sealed class ServeApiKey
{
    public const int MinimumLength = 16;
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    private readonly byte[] _key;

    private ServeApiKey(string key, string? file)
    {
        _key = Encoding.UTF8.GetBytes(key);
        File = file;
    }

    /// <summary>The file the key was generated into or read from; null when it was configured.</summary>
    public string? File { get; }

    public static ServeApiKey Resolve(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ServeApiKey(configured.Trim(), null);
        }

        if (System.IO.File.Exists(keyFile))
        {
            var stored = System.IO.File.ReadAllText(keyFile).Trim();
            if (stored.Length >= MinimumLength)
            {
                return new ServeApiKey(stored, keyFile);
            }
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(keyFile, Encoding.ASCII, options))
        {
            writer.Write(generated);
        }

        return new ServeApiKey(generated, keyFile);
    }

    /// <summary>True when <paramref name="candidate"/> is the key.</summary>
    public bool Matches(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
