using System.Globalization;

namespace TrendingTv.BlueskyBench;

/// <summary>Command-line options of the Bluesky benchmark.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "usage: BlueskyBench [--part all|filter|stream|capture] [--dump N] [--seed N] [--posts N] [--events N] [--pool N] [--runs N] [--warm-up SECONDS]\n" +
        "  --part     filter: the keep filter alone vs a bare Utf8JsonReader scan; stream: loopback Jetstream -> client -> keep filter; capture: the same into the SQLite store (default all)\n" +
        "  --posts    generated posts for the filter part (default 20000)\n" +
        "  --events   events streamed in the measured stream run (default 1000000)\n" +
        "  --pool     distinct generated events the stand-in serves in a loop (default 20000)\n" +
        "  --runs     repetitions of the filter part; each batch's fastest counts (default 7)\n" +
        "  --warm-up  seconds of warm-up before measuring (default 3)\n" +
        "  --dump     print N generated events (the stream part's mix) as JSON lines, and nothing else";

    public string Part { get; init; } = "all";

    public int Seed { get; init; } = 20260525;

    public int Posts { get; init; } = 20_000;

    public int Events { get; init; } = 1_000_000;

    public int Pool { get; init; } = 20_000;

    public int Runs { get; init; } = 7;

    public double WarmUpSeconds { get; init; } = 3;

    /// <summary>Run as the stand-in child process of the stream part (internal).</summary>
    public bool Serve { get; init; }

    /// <summary>Events to print instead of measuring; 0 to measure.</summary>
    public int Dump { get; init; }

    /// <summary>The options, or null (after printing why) when the arguments are not valid.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--serve")
            {
                options = options with { Serve = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : null;
            options = args[i] switch
            {
                "--part" when value is "all" or "filter" or "stream" or "capture" => options with { Part = value },
                "--seed" when Number(value) is { } n => options with { Seed = n },
                "--posts" when Number(value) is { } n && n > 0 => options with { Posts = n },
                "--events" when Number(value) is { } n && n > 0 => options with { Events = n },
                "--pool" when Number(value) is { } n && n > 0 => options with { Pool = n },
                "--dump" when Number(value) is { } n && n > 0 => options with { Dump = n },
                "--runs" when Number(value) is { } n && n > 0 => options with { Runs = n },
                "--warm-up" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 => options with { WarmUpSeconds = s },
                _ => null!,
            };
            if (options is null)
            {
                Console.Error.WriteLine($"Bad argument '{args[i]}'{(value is null ? string.Empty : $" '{value}'")}.");
                return null;
            }

            i++;
        }

        return options;
    }

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
