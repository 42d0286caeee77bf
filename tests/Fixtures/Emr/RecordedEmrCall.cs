using System.Text.Json.Nodes;

namespace TrendingTv.Fixtures.Emr;

/// <summary>One request the fake EMR server received: the operation (from X-Amz-Target), the JSON body, and the verdict on its signature.</summary>
public sealed record RecordedEmrCall(string Operation, JsonNode? Body, string? SignatureProblem, int StatusCode)
{
    public bool SignatureValid => SignatureProblem is null;
}
