using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Fixtures;

/// <summary>Starts a quiet Kestrel app on 127.0.0.1 at a free port: the host of the fake X, TMDB and EMR servers.</summary>
public static class LoopbackHttpApp
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, starts it and returns it with its base address (ending in '/').</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
