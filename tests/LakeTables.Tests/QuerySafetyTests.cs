using DuckDB.NET.Data;

namespace TrendingTv.LakeTables.Tests;

/// <summary>
/// What a sandboxed query can do: read the tables. Each test tries to break out (files outside the
/// lake, writes, ATTACH, extensions, network, settings, several statements) and expects DuckDB to refuse.
/// </summary>
public sealed class QuerySafetyTests : IAsyncLifetime, IDisposable
{
    private readonly LakeFolder _lake = LakeFolder.CopyOf("reference-2020");
    private readonly string _outside = Path.Combine(Path.GetTempPath(), $"laketables-outside-{Guid.NewGuid():N}");
    private LakeDatabase? _tables;

    private DuckDBConnection Connection => _tables!.Connection;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_outside);
        await File.WriteAllTextAsync(Path.Combine(_outside, "secret.csv"), "secret\nhunter2\n");
        _tables = await LakeDatabase.OpenAsync(_lake.Store);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _tables?.Dispose();
        _lake.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')")]
    [InlineData("SELECT * FROM read_blob('/etc/passwd')")]
    [InlineData("SELECT * FROM glob('/*')")]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    [InlineData("SELECT * FROM read_parquet('{lake}/tweet_stat/**/*.parquet')")]
    [InlineData("SELECT * FROM read_csv('{lake}/genres.csv')")]
    [InlineData("SELECT * FROM read_csv('{lake}/../../../../etc/passwd')")]
    [InlineData("SELECT * FROM read_csv('{outside}/secret.csv')")]
    [InlineData("SELECT * FROM read_csv('https://example.com/x.csv')")]
    [InlineData("SELECT * FROM read_parquet('s3://bucket/x.parquet')")]
    [InlineData("SELECT * FROM read_json('http://127.0.0.1:9/x.json')")]
    public async Task No_file_or_url_is_readable_not_even_the_lake_files_themselves(string sql)
    {
        await AssertRefusedAsync(sql);
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO '{outside}/out.csv'")]
    [InlineData("COPY tweet_stat TO '{lake}/tweet_stat/stolen.parquet' (FORMAT parquet)")]
    [InlineData("COPY (SELECT 1 AS id) TO '{lake}/genres.csv'")]
    [InlineData("EXPORT DATABASE '{outside}/export'")]
    [InlineData("COPY tweet_stat FROM '{outside}/secret.csv'")]
    public async Task Nothing_can_be_written_to_or_copied_from_a_file(string sql)
    {
        var genres = await File.ReadAllTextAsync(_lake.PathOf("genres.csv"));

        await AssertRefusedAsync(sql);

        Assert.False(File.Exists(Path.Combine(_outside, "out.csv")));
        Assert.False(Directory.Exists(Path.Combine(_outside, "export")));
        Assert.False(File.Exists(_lake.PathOf("tweet_stat/stolen.parquet")));
        Assert.Equal(genres, await File.ReadAllTextAsync(_lake.PathOf("genres.csv")));
    }

    [Theory]
    [InlineData("ATTACH '{outside}/other.duckdb' AS other")]
    [InlineData("ATTACH ':memory:' AS scratch")]
    [InlineData("ATTACH '{lake}/attached.duckdb'")]
    public async Task Attach_is_refused(string sql)
    {
        await AssertRefusedAsync(sql);

        Assert.False(File.Exists(Path.Combine(_outside, "other.duckdb")));
        Assert.False(File.Exists(_lake.PathOf("attached.duckdb")));
    }

    [Theory]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("INSTALL spatial FROM community")]
    [InlineData("FORCE INSTALL json")]
    [InlineData("SELECT * FROM duckdb_extensions()")]
    public async Task Extensions_cannot_be_installed_or_loaded(string sql)
    {
        await AssertRefusedAsync(sql);
    }

    [Theory]
    [InlineData("SET enable_external_access = true")]
    [InlineData("RESET enable_external_access")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("SET autoload_known_extensions = true")]
    [InlineData("SET allowed_directories = ['/']")]
    [InlineData("PRAGMA threads = 1")]
    [InlineData("SET GLOBAL memory_limit = '1GB'")]
    public async Task Settings_are_locked(string sql)
    {
        await AssertRefusedAsync(sql);
    }

    [Theory]
    [InlineData("INSERT INTO tweet_stat VALUES (1, DATE '2020-11-23', 1, 1, 1)")]
    [InlineData("DELETE FROM tweet_stat")]
    [InlineData("UPDATE tvshows SET name = 'x'")]
    [InlineData("DROP TABLE tweet_stat")]
    [InlineData("CREATE TABLE copy AS SELECT * FROM tweet_stat")]
    public async Task The_tables_are_read_only(string sql)
    {
        await AssertRefusedAsync(sql);

        Assert.Equal(["1440"], await Rows.OfAsync(Connection, "SELECT count(*) FROM tweet_stat"));
        Assert.Equal(["The Mandalorian"], await Rows.OfAsync(Connection, "SELECT name FROM tvshows WHERE id = 82856"));
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", 2)]
    [InlineData("SELECT count(*) FROM tweet_stat; COPY tweet_stat TO '/tmp/x.csv'", 2)]
    [InlineData("SELECT 1; SELECT 2; SELECT 3", 3)]
    [InlineData("SET threads = 1; SELECT 1", 2)]
    public async Task Several_statements_are_refused_before_any_runs(string sql, int count)
    {
        var error = await Assert.ThrowsAsync<QueryRejectedException>(() => LakeQuery.RunAsync(Connection, sql));

        Assert.Contains($"{count} statements", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/x.csv"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- just a comment")]
    [InlineData(";")]
    public async Task An_empty_query_is_refused_with_an_example(string sql)
    {
        var error = await Assert.ThrowsAsync<QueryRejectedException>(() => LakeQuery.RunAsync(Connection, sql));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELEC 1")]
    [InlineData("SELECT * FROM")]
    public async Task A_query_that_does_not_parse_says_so_on_one_line(string sql)
    {
        var error = await Assert.ThrowsAsync<QueryRejectedException>(() => LakeQuery.RunAsync(Connection, sql));

        Assert.StartsWith("The query does not parse", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM tweet_stat", "1440")]
    [InlineData("SELECT count(*) FROM tweet_stat;", "1440")]
    [InlineData("FROM genres SELECT count(*)", "18")]
    [InlineData("WITH t AS (SELECT * FROM tvshows) SELECT count(*) FROM t", "160")]
    [InlineData("SELECT count(*) FROM (DESCRIBE tmdb_stat)", "7")]
    [InlineData("SELECT count(*) FROM (SHOW TABLES)", "7")]
    [InlineData("SELECT count(*) FROM (SUMMARIZE genres)", "2")]
    public async Task Read_only_queries_of_every_shape_run(string sql, string expected)
    {
        Assert.Equal([expected], await Rows.OfAsync(Connection, sql));
    }

    [Fact]
    public async Task Unrestricted_access_gives_full_duckdb_but_keeps_the_tables_read_only()
    {
        using var tables = await LakeDatabase.OpenAsync(_lake.Store, LakeAccess.Unrestricted);
        var secret = Path.Combine(_outside, "secret.csv");
        var copy = Path.Combine(_outside, "copy.csv");

        Assert.Equal(["hunter2"], await Rows.OfAsync(tables.Connection, $"SELECT * FROM read_csv('{secret}')"));
        await LakeQuery.RunAsync(tables.Connection, $"COPY (SELECT 1 AS x) TO '{copy}'");
        Assert.True(File.Exists(copy));
        await Assert.ThrowsAsync<DuckDBException>(() => LakeQuery.RunAsync(tables.Connection, "DELETE FROM tweet_stat"));
    }

    [Fact]
    public async Task A_long_query_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var query = LakeQuery.RunAsync(Connection, "SELECT sum(hash(i)) FROM range(1000000000000) t(i)", cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Equal(["1440"], await Rows.OfAsync(Connection, "SELECT count(*) FROM tweet_stat"));
    }

    private async Task AssertRefusedAsync(string sqlTemplate)
    {
        var sql = sqlTemplate.Replace("{lake}", _lake.Root, StringComparison.Ordinal).Replace("{outside}", _outside, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DuckDBException>(() => LakeQuery.RunAsync(Connection, sql));
    }
}
