using System.Net;

namespace TrendingTv.Cli.Serve;

/// <summary>A served report page: its HTML, the dates it covers (none for a placeholder), when it was built, and the last build's problem if any.</summary>
public sealed record ReportPage(string Html, DateOnly? From, DateOnly? To, DateTimeOffset? BuiltAt, string? Problem)
{
    public static ReportPage Placeholder(string message, DateTimeOffset? at, string? problem = null) => new(
        $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>TrendingTv</title></head><body><h1>TrendingTv</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>\n",
        null,
        null,
        at,
        problem);
}
