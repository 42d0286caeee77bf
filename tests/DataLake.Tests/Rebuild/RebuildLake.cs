using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Posts;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>A lake (local directory, or any store) with raw hours from the real fixtures, and a rebuilder over it.</summary>
internal sealed class RebuildLake : IDisposable
{
    public const string V1Stream = "real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl";
    public const string V2Stream = "real-v2-filtered-stream-2021-04-01-errors-only-and-duplicate.jsonl";
    public const string Rest = "real-v1-rest-statuses-158-posts.jsonl";

    /// <summary>Three hours of one day, each holding one of the real files.</summary>
    public static readonly DateTimeOffset[] Hours =
    [
        new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero),
        new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero),
        new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero),
    ];

    public static readonly DateOnly Day = new(2026, 11, 25);

    private readonly string? _directory;

    public RebuildLake(IObjectStore? store = null, params IRawPostNormaliser[] normalisers)
    {
        if (store is null)
        {
            _directory = Directory.CreateTempSubdirectory("rebuild-tests-").FullName;
            store = new LocalDirectoryStore(LakeUri.Local(Path.Combine(_directory, "lake")));
        }

        Store = store;
        WorkDirectory = Path.Combine(_directory ?? Path.GetTempPath(), "work-" + Guid.NewGuid().ToString("N"));
        Rebuilder = new CanonicalRebuilder(
            store,
            new RawPostNormalisers(normalisers.Length > 0 ? normalisers : [new PostNormaliser()]),
            Microsoft.Extensions.Options.Options.Create(new RebuildOptions { WorkDirectory = WorkDirectory }));
    }

    public IObjectStore Store { get; }

    public CanonicalRebuilder Rebuilder { get; }

    public string WorkDirectory { get; }

    public static string Canonical(DateTimeOffset hour) => LakeLayout.CanonicalPostHourKey(PostSources.X, hour);

    public static string Manifest(DateTimeOffset hour) => CanonicalHourManifest.KeyOf(PostSources.X, hour);

    /// <summary>The three real files as raw hours 04, 05 and 06 of <see cref="Day"/>.</summary>
    public async Task PutRealRawHoursAsync()
    {
        await Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, Hours[0]), PostTestData.Bytes(V1Stream));
        await Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, Hours[1]), PostTestData.Bytes(Rest));
        await Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, Hours[2]), PostTestData.Bytes(V2Stream));
    }

    /// <summary>The canonical file the normaliser makes of a raw file, as the uploader writes it.</summary>
    public static async Task<byte[]> NormaliseAsync(string fixture)
    {
        using var canonical = new MemoryStream();
        await new PostNormaliser().NormaliseAsync(new MemoryStream(PostTestData.Bytes(fixture)), canonical, null);
        return canonical.ToArray();
    }

    public async Task<byte[]?> BytesOrNullAsync(string key) => await Store.ExistsAsync(key) ? await Store.ReadBytesAsync(key) : null;

    public async Task<CanonicalHourManifest> ManifestAsync(DateTimeOffset hour) =>
        CanonicalHourManifest.TryParse(await Store.ReadBytesAsync(Manifest(hour))) ?? throw new InvalidDataException("unreadable manifest");

    public async Task<IReadOnlyDictionary<DateTimeOffset, CanonicalHourState>> StatesAsync() =>
        (await Rebuilder.InspectAsync(PostSources.X, Hours)).ToDictionary(c => c.Hour, c => c.State);

    public void Dispose()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
