using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>The object-store contract on a local directory (a fresh temporary folder per test).</summary>
public sealed class LocalDirectoryStoreContractTests : ObjectStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("trendingtv-local-store-");
    private int _lakes;

    public void Dispose() => _folder.Delete(recursive: true);

    protected override Task<IObjectStore> NewStoreAsync() =>
        Task.FromResult<IObjectStore>(new LocalDirectoryStore(LakeUri.Local(Path.Combine(_folder.FullName, $"lake{++_lakes}"))));

    // A directory has no pages: the same listing, whatever the page size.
    protected override IObjectStore WithListPageSize(IObjectStore store, int listPageSize) => new LocalDirectoryStore(store.Root);
}
