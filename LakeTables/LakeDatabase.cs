using DuckDB.NET.Data;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.LakeTables;

/// <summary>
/// A lake's analytics tables in a DuckDB database of their own: <c>tweet_stat</c>, <c>post_stat</c>, <c>tmdb_stat</c>,
/// <c>tvshows</c>, <c>genres</c>, <c>networks</c> and <c>date</c>, typed as the data dictionary says
/// (docs/data-dictionary.md) whoever wrote the lake. Lakes written by the original Python pipeline read
/// the same way: its string <c>tweet_stat.id</c> is cast to BIGINT, its <c>tvshows.csv</c> arrays (text
/// such as <c>"[18, 10765]"</c>) become INTEGER[], and its dimension CSVs may sit at the lake root. Such lakes
/// have no <c>post_stat</c> (nor do lakes written before it existed): it is then an empty table.
/// </summary>
/// <remarks>
/// The tables are copied from the lake into a scratch database file that is then reopened read-only;
/// with <see cref="LakeAccess.Sandboxed"/> the connection is also cut off from every file, the network
/// and extensions (DuckDB's <c>enable_external_access</c>, <c>autoload_known_extensions</c>, …) and its
/// configuration locked, so a query can read the tables and nothing else, and can never write the lake.
/// A file that cannot be read is skipped and listed in <see cref="SkippedFiles"/>; the rest still loads.
/// A lake that does not exist, is a file, or holds none of the tables is a <see cref="LakeReadException"/>.
/// </remarks>
public sealed class LakeDatabase : IDisposable
{
    private readonly string _scratchFolder;

    private LakeDatabase(DuckDBConnection connection, LakeUri lake, IReadOnlyList<string> missing, IReadOnlyList<SkippedFile> skipped, string scratchFolder)
    {
        Connection = connection;
        Lake = lake;
        MissingTables = missing;
        SkippedFiles = skipped;
        _scratchFolder = scratchFolder;
    }

    /// <summary>The table names, in data-dictionary order.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [.. LakeTableSource.All.Select(t => t.Name)];

    /// <summary>An open connection over the tables (read-only; sandboxed unless opened <see cref="LakeAccess.Unrestricted"/>).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>The lake the tables were read from.</summary>
    public LakeUri Lake { get; }

    /// <summary>Tables the lake has no data for (they are empty).</summary>
    public IReadOnlyList<string> MissingTables { get; }

    /// <summary>Files that could not be read (corrupt, truncated, wrong columns), with the reason; their rows are absent.</summary>
    public IReadOnlyList<SkippedFile> SkippedFiles { get; }

    /// <summary>The scratch folder (database copy, downloads of a remote lake); removed on dispose.</summary>
    internal string ScratchFolder => _scratchFolder;

    /// <summary>Reads the tables of <paramref name="lake"/>.</summary>
    /// <exception cref="LakeReadException">The lake does not exist, is a file, or holds none of the tables.</exception>
    public static Task<LakeDatabase> OpenAsync(IObjectStore lake, LakeAccess access = LakeAccess.Sandboxed, CancellationToken cancellationToken = default) =>
        OpenAsync(lake, access, Path.GetTempPath(), cancellationToken);

    /// <summary>Reads the tables of <paramref name="lake"/>, with the scratch folder under <paramref name="scratchParent"/>.</summary>
    internal static async Task<LakeDatabase> OpenAsync(IObjectStore lake, LakeAccess access, string scratchParent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var scratch = Path.Combine(scratchParent, $"trendingtv-tables-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var files = await LakeTableFiles.FindAsync(lake, Path.Combine(scratch, "download"), cancellationToken);
            var databaseFile = Path.Combine(scratch, "tables.duckdb");
            var skipped = new List<SkippedFile>();
            using (var writer = new DuckDBConnection($"Data Source={databaseFile}"))
            {
                writer.Open();
                await Interruptible.RunAsync(
                    writer,
                    () =>
                    {
                        foreach (var table in LakeTableSource.All)
                        {
                            LakeTableLoader.Load(writer, table, files.Of(table.Name), skipped, cancellationToken);
                        }

                        return true;
                    },
                    cancellationToken);
            }

            var connection = new DuckDBConnection($"Data Source={databaseFile};ACCESS_MODE=READ_ONLY");
            try
            {
                connection.Open();
                if (access == LakeAccess.Sandboxed)
                {
                    Sandbox(connection);
                }
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            var missing = LakeTableSource.All.Where(t => files.Of(t.Name).Count == 0).Select(t => t.Name).ToArray();
            return new LakeDatabase(connection, lake.Root, missing, skipped, scratch);
        }
        catch
        {
            DeleteFolder(scratch);
            throw;
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        DeleteFolder(_scratchFolder);
    }

    /// <summary>
    /// No file, URL or extension is reachable from here on and the settings cannot be changed back.
    /// The tables are already in the read-only database, so no directory needs to stay allowed.
    /// </summary>
    private static void Sandbox(DuckDBConnection connection)
    {
        foreach (var setting in new[]
        {
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            "SET allow_community_extensions = false",
            "SET enable_external_access = false",
            "SET lock_configuration = true",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = setting;
            command.ExecuteNonQuery();
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a scratch copy left in the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
