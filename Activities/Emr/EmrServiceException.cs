using System.Net;

namespace TrendingTv.Activities.Emr;

/// <summary>An error answer of the EMR API: the operation, the HTTP status, AWS's error code (<c>__type</c>) and message.</summary>
public sealed class EmrServiceException : Exception
{
    private static readonly string[] ThrottlingCodes =
    [
        "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException", "RequestThrottled",
        "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException",
    ];

    public EmrServiceException()
        : this("unknown", HttpStatusCode.InternalServerError, "Unknown", "no details")
    {
    }

    public EmrServiceException(string message)
        : this("unknown", HttpStatusCode.InternalServerError, "Unknown", message)
    {
    }

    public EmrServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "unknown";
        ErrorCode = "Unknown";
        ServiceMessage = message;
    }

    public EmrServiceException(string operation, HttpStatusCode statusCode, string errorCode, string serviceMessage, string? requestId = null)
        : base($"EMR {operation} failed: {errorCode} (HTTP {(int)statusCode}): \"{serviceMessage}\"{(requestId is null ? string.Empty : $" [request id {requestId}]")}")
    {
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
    }

    /// <summary>The EMR operation, e.g. <c>RunJobFlow</c>.</summary>
    public string Operation { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>AWS's error code without the namespace, e.g. <c>InvalidRequestException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>AWS's message, quoted as returned.</summary>
    public string ServiceMessage { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the failed call, for AWS support.</summary>
    public string? RequestId { get; }

    public bool IsThrottling => StatusCode == HttpStatusCode.TooManyRequests || IsThrottlingCode(ErrorCode);

    /// <summary>True for the error codes AWS uses to throttle callers.</summary>
    public static bool IsThrottlingCode(string? code) => code is not null && ThrottlingCodes.Contains(code, StringComparer.Ordinal);
}
