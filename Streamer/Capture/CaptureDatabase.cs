using System.Globalization;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The capture store's SQLite file (WAL mode), shared by the classes that each own some of its tables: the posts
/// store (<see cref="PostStore"/>), the connection log (<see cref="ConnectionLog"/>) and the upload ledger. Each
/// creates and migrates its own tables; this class only knows the file, its pragmas and how to open connections.
/// </summary>
public sealed class CaptureDatabase
{
    /// <summary>32 KiB pages hold a whole v1.1 payload (~5 KB) without overflow pages and make a fifth of the page writes of 4 KiB pages.</summary>
    private const int PageBytes = 32 * 1024;

    private readonly string _connectionString;

    private CaptureDatabase(string path, bool readOnly, string synchronous)
    {
        DatabasePath = path;
        ReadOnly = readOnly;
        Synchronous = synchronous;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The SQLite file, as an absolute path.</summary>
    public string DatabasePath { get; }

    /// <summary>Opened for reading only (a status query): nothing is created or migrated.</summary>
    public bool ReadOnly { get; }

    /// <summary>SQLite <c>synchronous</c> of the writer connections: FULL or NORMAL.</summary>
    public string Synchronous { get; }

    /// <summary>The database at <paramref name="path"/>; for writing, its folder is created and the file set to WAL mode.</summary>
    /// <exception cref="FileNotFoundException">Read-only, and the file does not exist.</exception>
    /// <exception cref="InvalidOperationException">The file cannot be opened.</exception>
    public static CaptureDatabase Open(string path, bool readOnly = false, string synchronous = "Full")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        if (readOnly && !File.Exists(path))
        {
            throw new FileNotFoundException($"There is no capture store at '{path}'.", path);
        }

        var database = new CaptureDatabase(path, readOnly, string.Equals(synchronous, "normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL");
        if (!readOnly)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var connection = database.OpenWriter();
        }

        return database;
    }

    /// <summary>
    /// A connection for writing: WAL on, checkpointed every 1000 pages (32 MiB) and cut back to that size. page_size
    /// only takes effect when the file is created (before WAL is on).
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        if (ReadOnly)
        {
            throw new InvalidOperationException($"The capture store '{DatabasePath}' was opened read-only.");
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size={PageBytes}; PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=1000; PRAGMA journal_size_limit={1000 * PageBytes}; PRAGMA synchronous={Synchronous}; PRAGMA busy_timeout=30000;"));
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidOperationException($"Cannot open the capture store '{DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>A connection for reading (one snapshot per transaction; readers never block the writer).</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidOperationException($"Cannot read the capture store '{DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>A connection for reading, opened asynchronously.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"Cannot read the capture store '{DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>Bytes of the file with its WAL and shared-memory files.</summary>
    public long SizeInBytes() =>
        new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" }.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0);

    /// <summary>Whether <paramref name="table"/> exists and has <paramref name="column"/> (for migrating stores made by an older build).</summary>
    public static bool HasColumn(SqliteConnection connection, string table, string column, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Whether <paramref name="table"/> exists.</summary>
    public static bool HasTable(SqliteConnection connection, string table, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        command.Parameters.AddWithValue("$table", table);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Runs <paramref name="sql"/> (several statements allowed).</summary>
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>A command with named parameters, added in order (set them by index).</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>Unix seconds of the UTC hour containing <paramref name="instant"/> (how hours are stored).</summary>
    public static long HourOf(DateTimeOffset instant) => LakeLayout.HourOf(instant).ToUnixTimeSeconds();

    /// <summary>An hour as stored (Unix seconds) back to its start.</summary>
    public static DateTimeOffset Hour(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    /// <summary>An instant as stored (Unix milliseconds) back to a time.</summary>
    public static DateTimeOffset Instant(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    /// <summary>An hour for messages: <c>2026-11-28 10:00 UTC</c>.</summary>
    public static string Describe(DateTimeOffset hour) => hour.ToString("yyyy-MM-dd HH:00 'UTC'", CultureInfo.InvariantCulture);
}
