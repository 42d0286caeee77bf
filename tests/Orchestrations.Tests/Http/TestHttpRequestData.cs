using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace TrendingTv.Orchestrations.Tests.Http;

/// <summary>An HTTP request as the isolated worker hands it to a function, with a body and a URL.</summary>
public sealed class TestHttpRequestData(FunctionContext context, string method, Uri url, string body = "") : HttpRequestData(context)
{
    public TestHttpRequestData(string method, string url, string body = "")
        : this(new Mock<FunctionContext>().Object, method, new Uri(url), body)
    {
    }

    public override Stream Body { get; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}
