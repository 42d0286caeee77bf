using System.Runtime.CompilerServices;

namespace TrendingTv.Tmdb.Tests;

/// <summary>
/// Turns off .NET's query-string redaction in HttpClient logs for this test assembly, so that
/// <see cref="TmdbClientTests.Credentials_never_reach_logs_or_exception_messages"/> tests our own
/// guarantee (the api_key is added after the logging handlers) and not the framework's default.
/// A switch is read once per process, hence a module initializer rather than a line in the test.
/// </summary>
internal static class UnredactedUriLogging
{
    [ModuleInitializer]
    internal static void Initialize() => AppContext.SetSwitch("System.Net.Http.DisableUriRedaction", true);
}
