using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3.Model;
using TrendingTv.DataLake.Storage;
using TrendingTv.LocalS3;
using TrendingTv.StorageBench;

// Streams a generated object of --size-mb MiB up to a lake store and back down, hashing both ways,
// and reports MiB/s and the process's peak working set (the object must never be held in memory).
if (!BenchArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var token = cancellation.Token;

S3rverProcess? server = null;
string? temporaryLake = null;
try
{
    var (store, description) = await OpenStoreAsync();
    Console.WriteLine($"store        {arguments.Store}: {description}");
    var result = await RoundTripAsync(store);
    Report(result);
    if (!result.HashesMatch)
    {
        Console.Error.WriteLine("FAILED: the downloaded bytes differ from the uploaded ones.");
        return 1;
    }

    if (arguments.MaxPeakMiB is { } limit && result.PeakBytes > (long)limit << 20)
    {
        Console.Error.WriteLine($"FAILED: peak working set {Mib(result.PeakBytes)} MiB is over {limit} MiB.");
        return 3;
    }

    return 0;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    if (temporaryLake is not null && Directory.Exists(temporaryLake))
    {
        Directory.Delete(temporaryLake, recursive: true);
    }
}

async Task<(IObjectStore Store, string Description)> OpenStoreAsync()
{
    if (arguments.Store == "local")
    {
        var root = arguments.Root ?? (temporaryLake = Directory.CreateTempSubdirectory("trendingtv-storage-bench-").FullName);
        var store = ObjectStoreFactory.Create(new LakeOptions { Root = root, MultipartPartSizeMiB = arguments.PartMiB });
        return (store, store.Root.ToString());
    }

    if (arguments.Root is { } s3Root)
    {
        // A given lake: AWS (default credential chain) or an S3-compatible endpoint.
        var options = new LakeOptions { Root = s3Root, ServiceUrl = arguments.ServiceUrl, MultipartPartSizeMiB = arguments.PartMiB };
        var store = ObjectStoreFactory.Create(options);
        return (store, $"{store.Root}{(arguments.ServiceUrl is null ? string.Empty : " at " + arguments.ServiceUrl)}");
    }

    // s3rver: the one given by --service-url, or our own (a separate process: its memory is not ours).
    var serviceUrl = arguments.ServiceUrl;
    if (serviceUrl is null)
    {
        server = await S3rverProcess.StartAsync(cancellationToken: token);
        serviceUrl = server.ServiceUrl;
    }

    var bucket = $"storage-bench-{Guid.NewGuid():N}"[..30];
    var s3rver = new LakeOptions
    {
        Root = $"s3://{bucket}",
        ServiceUrl = serviceUrl,
        Region = S3rverProcess.Region,
        ForcePathStyle = true,
        MultipartPartSizeMiB = arguments.PartMiB,
    };
    using (var client = ObjectStoreFactory.CreateS3Client(s3rver, S3rverProcess.Credentials))
    {
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, token);
    }

    AWSCredentials credentials = S3rverProcess.Credentials;
    var s3Store = ObjectStoreFactory.Create(s3rver, credentials);
    return (s3Store, $"{s3Store.Root} on s3rver {serviceUrl}");
}

async Task<BenchResult> RoundTripAsync(IObjectStore store)
{
    const string Key = "bench/storage-bench.bin";
    var bytes = (long)arguments.SizeMiB << 20;
    Console.WriteLine($"object       {Key}: {arguments.SizeMiB} MiB ({bytes} bytes), parts of {arguments.PartMiB} MiB");

    Phase("before upload");
    var clock = Stopwatch.StartNew();
    byte[] uploadHash;
    await using (var source = new GeneratedStream(bytes))
    {
        await store.PutAsync(Key, source, token);
        uploadHash = source.HashSoFar();
        if (source.Produced != bytes)
        {
            throw new InvalidOperationException($"The store read {source.Produced} of {bytes} bytes.");
        }
    }

    var uploadSeconds = clock.Elapsed.TotalSeconds;
    Phase("after upload");
    var info = await store.GetInfoAsync(Key, token) ?? throw new InvalidOperationException($"'{Key}' is missing after the upload.");

    clock.Restart();
    byte[] downloadHash;
    long downloaded = 0;
    var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    try
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = await store.OpenReadAsync(Key, token);
        int read;
        while ((read = await stream.ReadAsync(buffer, token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            downloaded += read;
        }

        downloadHash = hash.GetCurrentHash();
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }

    var downloadSeconds = clock.Elapsed.TotalSeconds;
    Phase("after download");
    await store.DeleteAsync(Key, token);
    var memory = PeakMemory.Read();
    return new BenchResult(
        arguments.Store,
        store.Root.ToString(),
        bytes,
        (long)arguments.PartMiB << 20,
        uploadSeconds,
        downloadSeconds,
        Mib(bytes) / uploadSeconds,
        Mib(downloaded) / downloadSeconds,
        info.Size,
        Convert.ToHexStringLower(uploadHash),
        Convert.ToHexStringLower(downloadHash),
        downloaded == bytes && info.Size == bytes && uploadHash.AsSpan().SequenceEqual(downloadHash),
        memory.PeakWorkingSetBytes,
        memory.VmHwmBytes,
        memory.PeakBytes);
}

static void Report(BenchResult result)
{
    var c = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(c, $"upload       {result.UploadSeconds:F2} s = {result.UploadMiBPerSecond:F1} MiB/s (stored size {result.StoredSize})"));
    Console.WriteLine(string.Create(c, $"download     {result.DownloadSeconds:F2} s = {result.DownloadMiBPerSecond:F1} MiB/s"));
    Console.WriteLine($"sha256       up {result.UploadSha256}");
    Console.WriteLine($"             down {result.DownloadSha256} ({(result.HashesMatch ? "match" : "MISMATCH")})");
    Console.WriteLine(string.Create(c, $"peak memory  PeakWorkingSet64 {Mib(result.PeakWorkingSetBytes):F1} MiB, VmHWM {(result.VmHwmBytes is { } h ? Mib(h).ToString("F1", c) + " MiB" : "n/a")}"));
    Console.WriteLine(BenchResult.LinePrefix + JsonSerializer.Serialize(result));
}

static void Phase(string name)
{
    var memory = PeakMemory.Read();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"memory       {name,-15} VmRSS {Mib(memory.VmRssBytes ?? 0):F1} MiB, VmHWM {Mib(memory.VmHwmBytes ?? 0):F1} MiB, GC heap {Mib(GC.GetTotalMemory(false)):F1} MiB"));
}

static double Mib(long bytes) => bytes / (double)(1 << 20);
