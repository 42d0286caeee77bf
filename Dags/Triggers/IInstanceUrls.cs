using System.Text.Json;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// The URLs a host gives a caller to follow an orchestration: the Functions app's durable webhooks
/// (<c>/runtime/webhooks/durabletask/instances/{id}</c> …), or serve's own endpoints of the same shape.
/// </summary>
public interface IInstanceUrls
{
    /// <summary>The base URL as the caller reached the host, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    string BaseUrl { get; }

    /// <summary>The management payload of an instance (<c>id</c>, <c>statusQueryGetUri</c>, <c>terminatePostUri</c> …).</summary>
    JsonElement Management(string instanceId);
}
