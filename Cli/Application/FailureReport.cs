using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Storage;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Application;

/// <summary>
/// Turns an exception that ended a command into its exit code and the one line a user reads on
/// stderr (what is wrong and where; the stack trace goes to the log). Every line passes through
/// <see cref="LakeUri.Redact"/>, so no URI credentials reach the terminal.
/// </summary>
public static partial class FailureReport
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
        OptionsValidationException e => (ExitCodes.Usage, "Configuration error: " + string.Join(" ", e.Failures.Select(Failure))),
        InvalidOperationException e when BindingFailure().Match(e.Message) is { Success: true } m =>
            (ExitCodes.Usage, $"Configuration error: the setting {m.Groups["key"].Value} cannot be read as {TypeName(m.Groups["type"].Value)}."),
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

    // ValidateDataAnnotations: "DataAnnotation validation failed for 'LakeOptions' members: 'Root' with the error: '<message>'."
    private static string Failure(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    private static string TypeName(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        _ => type.Split('.')[^1],
    };

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 500 ? line : line[..497] + "...";
    }

    // The binder's "Failed to convert configuration value '<value>' at '<key>' to type '<type>'." — the value is left out.
    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
