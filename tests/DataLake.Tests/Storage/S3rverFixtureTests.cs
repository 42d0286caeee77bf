using System.Diagnostics;
using System.Net.Sockets;
using Amazon.S3.Model;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;
using TrendingTv.LocalS3;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>The shared s3rver fixture: where it listens, what it needs, and that it cleans up.</summary>
[Collection(S3rverFixture.Collection)]
public sealed class S3rverFixtureTests(S3rverFixture s3rver)
{
    [Fact]
    public async Task The_server_listens_on_loopback_and_answers_S3_requests()
    {
        var bucket = await s3rver.NewBucketAsync();

        var buckets = await s3rver.Client.ListBucketsAsync();

        Assert.StartsWith("http://127.0.0.1:", s3rver.ServiceUrl, StringComparison.Ordinal);
        Assert.Contains(bucket, buckets.Buckets.Select(b => b.BucketName));
        Assert.True(Directory.Exists(Path.Combine(s3rver.Server.DataDirectory, bucket)));
    }

    [Fact]
    public async Task Each_new_bucket_is_empty_and_distinct()
    {
        var (first, firstRoot) = await s3rver.CreateBucketAsync();
        var (second, secondRoot) = await s3rver.CreateBucketAsync();
        await first.PutTextAsync("a.txt", "a");

        Assert.NotEqual(firstRoot.Bucket, secondRoot.Bucket);
        Assert.False(await second.AnyUnderAsync(string.Empty));
    }

    [Fact]
    public async Task Disposing_a_server_stops_its_process_and_deletes_its_folder()
    {
        var server = await S3rverProcess.StartAsync();
        using (var client = server.CreateClient())
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = "to-be-removed" });
        }

        var pid = server.ProcessId;
        var port = server.Port;
        Assert.True(Directory.Exists(Path.Combine(server.DataDirectory, "to-be-removed")));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(server.DataDirectory));
        Assert.False(IsRunning(pid), $"s3rver process {pid} still runs");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_checkout_without_s3rver_gives_an_error_that_says_to_run_npm_ci()
    {
        var checkout = Directory.CreateTempSubdirectory("trendingtv-no-node-modules-");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => S3rverProcess.StartAsync(checkout.FullName));

            Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
            Assert.Contains(checkout.FullName, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            checkout.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_repository_root_is_the_folder_with_the_solution()
    {
        var root = RepositoryRoot.Find();

        Assert.True(File.Exists(Path.Combine(root, "TrendingTv.sln")));
        Assert.True(File.Exists(Path.Combine(root, S3rverProcess.LauncherPath)));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
