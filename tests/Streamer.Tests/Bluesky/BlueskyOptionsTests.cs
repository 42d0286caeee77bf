using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

public sealed class BlueskyOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_read_the_four_public_instances()
    {
        using var host = Host([]);

        var options = host.Services.GetRequiredService<IOptions<BlueskyOptions>>().Value;

        Assert.Equal(
            [
                "wss://jetstream1.us-east.bsky.network/subscribe",
                "wss://jetstream2.us-east.bsky.network/subscribe",
                "wss://jetstream1.us-west.bsky.network/subscribe",
                "wss://jetstream2.us-west.bsky.network/subscribe",
            ],
            options.InstanceUris().Select(uri => uri.AbsoluteUri));
        Assert.NotNull(host.Services.GetRequiredService<JetstreamClient>());
    }

    [Fact]
    public void Configured_instances_replace_the_public_ones()
    {
        using var host = Host(new() { ["Bluesky:Instances:0"] = "ws://127.0.0.1:6008/subscribe" });

        var options = host.Services.GetRequiredService<IOptions<BlueskyOptions>>().Value;

        Assert.Equal(["ws://127.0.0.1:6008/subscribe"], options.InstanceUris().Select(uri => uri.AbsoluteUri));
    }

    [Theory]
    [InlineData("Bluesky:StallTimeout", "00:00:00", "StallTimeout")]
    [InlineData("Bluesky:StallTimeout", "02:00:00", "StallTimeout")]
    [InlineData("Bluesky:CursorMargin", "00:11:00", "CursorMargin")]
    [InlineData("Bluesky:ConnectTimeout", "00:00:00", "ConnectTimeout")]
    [InlineData("Bluesky:MaxMessageBytes", "100", "MaxMessageBytes")]
    [InlineData("Bluesky:MaxMessageBytes", "1000000000", "MaxMessageBytes")]
    [InlineData("Bluesky:ReconnectDelayInitial", "00:05:00", "Bluesky:ReconnectDelayInitial (00:05:00) is longer than Bluesky:ReconnectDelayMax (00:02:00)")]
    [InlineData("Bluesky:Instances:0", "https://jetstream1.us-east.bsky.network/subscribe", "is not a ws:// or wss:// URL")]
    [InlineData("Bluesky:Instances:0", "wss://jetstream1.us-east.bsky.network/subscribe?wantedCollections=x", "without a query")]
    public async Task A_bad_setting_fails_at_start_naming_it(string key, string value, string message)
    {
        using var host = Host(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_listed_twice_fails_at_start()
    {
        using var host = Host(new()
        {
            ["Bluesky:Instances:0"] = "wss://jetstream1.us-east.bsky.network/subscribe",
            ["Bluesky:Instances:1"] = "wss://JETSTREAM1.us-east.bsky.network/subscribe",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("lists an instance twice", error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBlueskySource();
        return builder.Build();
    }
}
