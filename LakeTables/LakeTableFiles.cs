using System.Globalization;
using System.Net;
using Amazon.Runtime;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.LakeTables;

/// <summary>
/// The files of each analytics table as local paths: a local lake's own files, or a remote lake's
/// files downloaded to a scratch folder. Dimensions are looked up under <c>dims/</c> first, then at the
/// root (where the original pipeline wrote them).
/// </summary>
internal sealed class LakeTableFiles
{
    private readonly Dictionary<string, List<TableFile>> _files;

    private LakeTableFiles(Dictionary<string, List<TableFile>> files) => _files = files;

    /// <summary>The files of one table (none when the lake lacks it).</summary>
    public IReadOnlyList<TableFile> Of(string table) => _files.TryGetValue(table, out var files) ? files : [];

    /// <exception cref="LakeReadException">The lake does not exist, is a file, or holds none of the tables.</exception>
    public static async Task<LakeTableFiles> FindAsync(IObjectStore lake, string downloadFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var local = lake is LocalDirectoryStore && lake.Root.IsLocal;
        if (local)
        {
            var root = lake.Root.LocalPath!;
            if (File.Exists(root))
            {
                throw new LakeReadException($"The lake {root} is a file, not a directory.");
            }

            if (!Directory.Exists(root))
            {
                throw new LakeReadException($"The lake {root} does not exist.");
            }
        }

        try
        {
            return await FindFilesAsync(lake, local, downloadFolder, cancellationToken);
        }
        catch (AmazonServiceException e)
        {
            var hint = e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? ": check the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile or role) and the bucket policy"
                : string.Empty;
            throw new LakeReadException(
                string.Create(CultureInfo.InvariantCulture, $"Cannot read the lake {Describe(lake.Root)}: S3 answered {(int)e.StatusCode} {e.ErrorCode}{hint}."), e);
        }
        catch (HttpRequestException e)
        {
            throw new LakeReadException($"Cannot reach the lake {Describe(lake.Root)}: {e.Message}", e);
        }
    }

    /// <summary>A lake root as users wrote it: the directory of a local lake, the URI of a remote one.</summary>
    internal static string Describe(LakeUri root) => root.IsLocal ? root.LocalPath! : root.ToString();

    private static async Task<LakeTableFiles> FindFilesAsync(IObjectStore lake, bool local, string downloadFolder, CancellationToken cancellationToken)
    {
        var keys = await TableKeysAsync(lake, cancellationToken);
        if (keys.Values.All(k => k.Count == 0))
        {
            throw new LakeReadException(
                $"The lake {Describe(lake.Root)} holds none of the tables ({string.Join(", ", LakeTableSource.All.Select(t => t.Name))}): " +
                $"expected {LakeLayout.TweetStatTable}/, {LakeLayout.TmdbStatTable}/ or {LakeLayout.DimensionsRoot}/.");
        }

        var files = new Dictionary<string, List<TableFile>>(StringComparer.Ordinal);
        foreach (var (table, tableKeys) in keys)
        {
            var list = files[table] = [];
            foreach (var key in tableKeys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path;
                if (local)
                {
                    path = lake.Root.LocalPathOf(key);
                }
                else
                {
                    path = Path.Combine(downloadFolder, key.Replace('/', Path.DirectorySeparatorChar));
                    await lake.DownloadToFileAsync(key, path, cancellationToken);
                }

                list.Add(new TableFile(key, path));
            }
        }

        return new LakeTableFiles(files);
    }

    private static async Task<Dictionary<string, List<string>>> TableKeysAsync(IObjectStore lake, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in LakeTableSource.All)
        {
            var found = keys[table.Name] = [];
            if (table.IsParquet)
            {
                await foreach (var info in lake.ListAsync(table.Name + "/", cancellationToken))
                {
                    if (info.Key.EndsWith(".parquet", StringComparison.Ordinal))
                    {
                        found.Add(info.Key);
                    }
                }

                continue;
            }

            foreach (var key in new[] { LakeLayout.DimensionKey(table.Name), table.Name + ".csv" })
            {
                if (await lake.ExistsAsync(key, cancellationToken))
                {
                    found.Add(key);
                    break;
                }
            }
        }

        return keys;
    }
}
