using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using TrendingTv.DataLake.Storage;
using TrendingTv.LocalS3;

namespace TrendingTv.Fixtures.S3;

/// <summary>
/// An xunit class or collection fixture: one s3rver (see <see cref="S3rverProcess"/>) for the tests
/// that share it, with a fresh bucket per test. xunit finds collection definitions only in the test
/// assembly, so a test project declares its own
/// <c>[CollectionDefinition(S3rverFixture.Collection)] public sealed class S3rverCollection : ICollectionFixture&lt;S3rverFixture&gt;;</c>
/// or uses <c>IClassFixture&lt;S3rverFixture&gt;</c>.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>A conventional collection name for test projects that share one server.</summary>
    public const string Collection = "s3rver";

    private S3rverProcess? _server;
    private IAmazonS3? _client;
    private int _buckets;

    /// <summary>The running server.</summary>
    public S3rverProcess Server => _server ?? throw new InvalidOperationException("The s3rver fixture is not initialised.");

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string ServiceUrl => Server.ServiceUrl;

    /// <summary>A client for the server, shared by the tests; do not dispose it.</summary>
    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("The s3rver fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _server = await S3rverProcess.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty bucket with a name no other test uses and returns the name.</summary>
    public async Task<string> NewBucketAsync(CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"lake-{Interlocked.Increment(ref _buckets):d4}-{Guid.NewGuid():N}")[..30];
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancellationToken);
        return name;
    }

    /// <summary>Lake options for an s3:// root on this server (service URL, region, path style).</summary>
    public LakeOptions OptionsFor(string bucket, string? prefix = null) => Server.OptionsFor(bucket, prefix);

    /// <summary>
    /// A fresh bucket and the store for <c>s3://bucket[/prefix]</c>, built the way production builds it
    /// (<see cref="ObjectStoreFactory.Create"/> with s3rver's credentials).
    /// </summary>
    public async Task<(IObjectStore Store, LakeUri Root)> CreateBucketAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        var bucket = await NewBucketAsync(cancellationToken);
        var options = OptionsFor(bucket, prefix);
        var store = ObjectStoreFactory.Create(options, S3rverProcess.Credentials);
        return (store, store.Root);
    }

    /// <summary>A store over an existing s3:// root with explicit part and page sizes, using the shared client.</summary>
    public S3ObjectStore CreateStore(LakeUri root, int partSizeBytes = 16 << 20, int listPageSize = 1000) =>
        new(Client, root, partSizeBytes, listPageSize);

    /// <summary>A new client for this server (for wrappers that count or inspect requests); the caller disposes it.</summary>
    public IAmazonS3 CreateClient() => Server.CreateClient();
}
