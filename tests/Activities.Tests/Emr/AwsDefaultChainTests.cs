using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Activities.Emr;
using TrendingTv.Activities.Tests.Support;
using TrendingTv.Fixtures.Emr;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.Activities.Tests.Emr;

/// <summary>Without credentials or a region from the host, both come from AWSSDK.Core's default chain (here: environment variables).</summary>
public sealed class AwsDefaultChainTests
{
    private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"];

    [Fact]
    public async Task Credentials_session_token_and_region_come_from_the_default_chain()
    {
        const string Token = "IQoJb3JpZ2luX2VjEXAMPLE/chain+token==";
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", FakeEmrServer.AccessKey);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", FakeEmrServer.SecretKey);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", Token);
            Environment.SetEnvironmentVariable("AWS_REGION", FakeEmrServer.Region);
            await using var server = await FakeEmrServer.StartAsync(Token);
            var settings = EmrTestHost.DefaultSettings(server.ServiceUrl);
            settings.Remove("Engine:Emr:Region");
            await using var services = EmrTestHost.BuildServices(new InMemoryObjectStore(), settings, credentials: null);

            await services.GetRequiredService<EmrClient>().ListClustersAsync(EmrCluster.ActiveStates);

            var call = Assert.Single(server.Calls);
            Assert.True(call.SignatureValid, call.SignatureProblem);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
