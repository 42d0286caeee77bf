using System.Net;
using Amazon.Runtime;
using DuckDB.NET.Data;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Settings;
using TrendingTv.DataLake.Storage;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Application;

/// <summary>
/// Turns an exception that ended a command into its exit code and the one line a user reads on
/// stderr (what is wrong and where; the stack trace goes to the log). Every line passes through
/// <see cref="LakeUri.Redact"/>, so no URI credentials reach the terminal.
/// </summary>
public static class FailureReport
{
    /// <summary>The exit code and the one-line message for <paramref name="error"/>.</summary>
    public static (int ExitCode, string Message) Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (code, message) = Classify(Unwrap(error));
        return (code, LakeUri.Redact(OneLine(message)));
    }

    private static (int, string) Classify(Exception error) => error switch
    {
        UsageException e => (ExitCodes.Usage, e.Message),
        _ when ConfigurationError.Describe(error) is { } line => (ExitCodes.Usage, line),
        QueryRejectedException e => (ExitCodes.Usage, e.Message),
        CatalogueException e => (ExitCodes.Failure, e.Message),
        LakeReadException e => (ExitCodes.Failure, e.Message),
        DuckDBException e => (ExitCodes.Failure, "DuckDB: " + e.Message.Split('\n', 2)[0].Trim()),
        AmazonServiceException e => (ExitCodes.Failure, S3Message(e)),
        HttpRequestException e => (ExitCodes.Failure, "Cannot reach the lake's server: " + e.Message),
        UnauthorizedAccessException e => (ExitCodes.Failure, e.Message),
        IOException e => (ExitCodes.Failure, e.Message),
        OperationCanceledException => (ExitCodes.Failure, "The command was cancelled."),
        _ => (ExitCodes.Failure, $"Unexpected error ({error.GetType().Name}): {error.Message}"),
    };

    private static Exception Unwrap(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        return error;
    }

    private static string S3Message(AmazonServiceException e)
    {
        var status = e.StatusCode == 0 ? "" : $" ({(int)e.StatusCode} {e.StatusCode}{(string.IsNullOrEmpty(e.ErrorCode) ? "" : ", " + e.ErrorCode)})";
        var hint = e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? ": check the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile or role) and the bucket policy"
            : string.Empty;
        return $"S3 refused the request{status}{hint}. {e.Message}";
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 500 ? line : line[..497] + "...";
    }
}
