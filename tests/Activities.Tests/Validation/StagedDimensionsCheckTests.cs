using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Validation;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Tests.Validation;

/// <summary>The tmdb run's staged dimensions must be well formed before they replace dims/*.csv.</summary>
public sealed class StagedDimensionsCheckTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task The_original_pipelines_dimensions_pass()
    {
        await StageAsync();

        var report = await CheckAsync();

        Assert.True(report.Passed, string.Join("\n", report.Problems));
    }

    [Theory]
    [InlineData("missing", "The staged networks dimension", "must be one CSV part file; found 0")]
    [InlineData("two parts", "The staged genres dimension", "must be one CSV part file; found 2")]
    [InlineData("header", "has the header 'id,title'", "expected 'id,name'")]
    [InlineData("duplicate id", "1 duplicate ids in genres", "18 (2 rows)")]
    [InlineData("bad id", "rows of networks", "without a whole-number id: line 2 ('ABC')")]
    [InlineData("short row", "rows of genres", "without 2 fields: line 3")]
    [InlineData("bad list", "whose genres_id or networks_id is not a list", "'18|37'")]
    [InlineData("show missing", "1 tmdb_stat ids without a row in tvshows", "82856")]
    [InlineData("no shows", "The staged tvshows", "has no rows")]
    [InlineData("no run date", "The staged date", "does not hold the run's date 2020-11-23")]
    [InlineData("wrong weekday", "rows of date", "that do not describe their date (weekday 1 = Monday): line 329 (2020-11-23,7,23,11,2020)")]
    public async Task A_malformed_dimension_fails_the_check_naming_what_and_where(string fault, string expected, string detail)
    {
        await StageAsync();
        await BreakAsync(fault);

        var report = await CheckAsync();

        Assert.False(report.Passed);
        Assert.Contains(report.Problems, p => p.Contains(expected, StringComparison.Ordinal) && p.Contains(detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_tmdb_partition_also_reports_missing_dimensions()
    {
        var report = await CheckAsync();

        Assert.Equal(5, report.Problems.Count);
        Assert.Contains("is missing", report.Problems[0], StringComparison.Ordinal);
        Assert.All(report.Problems.Skip(1), p => Assert.Contains("found 0", p, StringComparison.Ordinal));
    }

    private async Task StageAsync()
    {
        await _lake.WriteTmdbStatAsync(Day, [new(82856, Day, 2, 16, 3008, 8.5, 2116.2), new(71712, Day, 4, 72, 9000, 8.6, 180.3)]);
        await _lake.WriteReferenceDimensionsAsync(Day);
    }

    private async Task BreakAsync(string fault)
    {
        var staging = new RunStaging(Dataset.Tmdb, Day);
        string Part(string name) => staging.DimensionPrefix(name) + "part-00000-5e1f-c000.csv";
        async Task EditAsync(string name, Func<string, string> edit) =>
            await _lake.Store.PutTextAsync(Part(name), edit(await _lake.Store.ReadTextAsync(Part(name))));

        switch (fault)
        {
            case "missing": await _lake.Store.DeleteAsync(Part("networks")); break;
            case "two parts": await _lake.WriteDimensionAsync(Day, "genres", "id,name\n99,Other\n", "part-00001-5e1f-c000.csv"); break;
            case "header": await EditAsync("genres", t => t.Replace("id,name\n", "id,title\n", StringComparison.Ordinal)); break;
            case "duplicate id": await EditAsync("genres", t => t + "18,Drama again\n"); break;
            case "bad id": await EditAsync("networks", t => t.Replace("2,ABC,US", "ABC,ABC,US", StringComparison.Ordinal)); break;
            case "short row": await EditAsync("genres", t => t.Replace("10765,Sci-Fi & Fantasy", "10765", StringComparison.Ordinal)); break;
            case "bad list": await EditAsync("tvshows", t => t.Replace("en,[18],[2]", "en,18|37,[2]", StringComparison.Ordinal)); break;
            case "show missing": await EditAsync("tvshows", t => string.Join('\n', t.Split('\n').Where(l => !l.StartsWith("82856,", StringComparison.Ordinal)))); break;
            case "no shows": await _lake.WriteDimensionAsync(Day, "tvshows", "id,name,original_name,original_language,genres_id,networks_id\n"); break;
            case "no run date": await EditAsync("date", t => t.Replace("2020-11-23,1,23,11,2020\n", string.Empty, StringComparison.Ordinal)); break;
            case "wrong weekday": await EditAsync("date", t => t.Replace("2020-11-23,1,23,11,2020", "2020-11-23,7,23,11,2020", StringComparison.Ordinal)); break;
            default: throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        }
    }

    private Task<ProcessedDataReport> CheckAsync() =>
        new ProcessedDataValidator(_lake.Store, NullLogger<ProcessedDataValidator>.Instance).ValidateAsync(Dataset.Tmdb, Day);
}
