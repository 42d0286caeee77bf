using System.Text.Json;

namespace TrendingTv.Orchestrations.Tests;

/// <summary>The functions.metadata the Worker SDK generated for the app: what the Functions host will load.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, JsonElement> Functions = Load();

    [Fact]
    public void The_app_has_exactly_the_dag_functions()
    {
        Assert.Equal(
            [
                "BackfillOrchestrator", "CheckProcessedDataActivity", "CheckRawDataActivity", "EtlDagOrchestrator", "FindStaleCanonicalHoursActivity",
                "GetJobStatusActivity", "GetRunStatus", "PublishOutputsActivity", "RebuildCanonicalHourActivity", "StartBackfill", "SubmitJobActivity",
                "TerminateJobActivity", "TmdbDailySchedule", "TweetDailySchedule",
            ],
            Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("EtlDagOrchestrator", "orchestrationTrigger")]
    [InlineData("BackfillOrchestrator", "orchestrationTrigger")]
    [InlineData("CheckRawDataActivity", "activityTrigger")]
    [InlineData("FindStaleCanonicalHoursActivity", "activityTrigger")]
    [InlineData("RebuildCanonicalHourActivity", "activityTrigger")]
    [InlineData("SubmitJobActivity", "activityTrigger")]
    [InlineData("GetJobStatusActivity", "activityTrigger")]
    [InlineData("TerminateJobActivity", "activityTrigger")]
    [InlineData("CheckProcessedDataActivity", "activityTrigger")]
    [InlineData("PublishOutputsActivity", "activityTrigger")]
    public void Orchestrators_and_activities_have_their_durable_triggers(string function, string trigger)
    {
        var binding = Assert.Single(Bindings(function));
        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
    }

    [Theory]
    [InlineData("TweetDailySchedule", "%TweetEtlSchedule%")]
    [InlineData("TmdbDailySchedule", "%TmdbEtlSchedule%")]
    public void Each_dataset_has_a_timer_whose_schedule_comes_from_an_app_setting(string function, string schedule)
    {
        var bindings = Bindings(function);
        var timer = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "timerTrigger");
        Assert.Equal(schedule, timer.GetProperty("schedule").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Theory]
    [InlineData("StartBackfill", "backfill", "post")]
    [InlineData("GetRunStatus", "runs/{dataset}/{date}", "get")]
    public void The_http_functions_need_a_function_key(string function, string route, string method)
    {
        var bindings = Bindings(function);
        var http = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal(route, http.GetProperty("route").GetString());
        Assert.Equal([method], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", http.GetProperty("authLevel").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    private static List<JsonElement> Bindings(string function) => [.. Functions[function].GetProperty("bindings").EnumerateArray()];

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the build copies it from the Orchestrations output.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }
}
