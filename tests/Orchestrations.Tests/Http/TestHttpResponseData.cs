using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace TrendingTv.Orchestrations.Tests.Http;

/// <summary>A response whose body can be read back as JSON.</summary>
public sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new Mock<HttpCookies>().Object;

    public string Text => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public JsonElement Json => JsonDocument.Parse(Text).RootElement;
}
