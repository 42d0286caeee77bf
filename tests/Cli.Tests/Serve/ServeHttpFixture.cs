using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>
/// One <c>serve</c> child process for the HTTP contract tests: in-memory DAG state (fast), a lake with raw
/// posts for a few dates, and an EMR engine pointed at a closed loopback port with a 30-minute retry, so that
/// a started run stays in progress for the whole test (its submission keeps waiting to be retried). The tweet
/// timer fires every 3 seconds.
/// </summary>
public sealed class ServeHttpFixture : IAsyncLifetime
{
    public static readonly DateOnly[] RawDates = [new(2020, 11, 10), new(2020, 11, 20)];
    private readonly TemporaryDirectory _work = new();
    private ServeProcess? _serve;

    internal ServeProcess Serve => _serve ?? throw new InvalidOperationException("serve is not started.");

    public async Task InitializeAsync()
    {
        var lake = Path.Combine(_work.Path, "lake");
        var state = Path.Combine(_work.Path, "state");
        Directory.CreateDirectory(state);
        foreach (var date in RawDates)
        {
            var key = LakeLayout.RawTweetHourKey(new DateTimeOffset(date.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero));
            var path = Path.Combine(lake, key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "{\"data\":{\"id\":\"1\",\"text\":\"hi\"}}\n");
        }

        _serve = await ServeProcess.StartAsync(lake, state, new Dictionary<string, string>
        {
            ["Durable__Backend"] = "InMemory",
            ["Engine__Kind"] = "emr",
            ["Engine__Emr__Region"] = "us-east-1",
            ["Engine__Emr__ServiceUrl"] = "http://127.0.0.1:9",
            ["Engine__Emr__LogUri"] = "s3://trendingtv-test-logs/",
            ["Engine__Emr__MaxRetryAttempts"] = "0",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["Dags__ActivityFirstRetryInterval"] = "00:30:00",
            ["Dags__ActivityMaxRetryInterval"] = "01:00:00",
            ["Dags__ActivityMaxAttempts"] = "5",
            ["TweetEtlSchedule"] = "*/3 * * * * *",
            ["Serve__RunPollInterval"] = "00:00:00.500",
        });
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _work.Dispose();
    }
}
