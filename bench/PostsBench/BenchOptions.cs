using System.Globalization;

namespace TrendingTv.PostsBench;

/// <summary>Command-line options of the posts benchmark.</summary>
internal sealed record BenchOptions(int HourPosts, int DayPosts, int Runs, int Seed, int WarmUpSeconds)
{
    public const string Usage = "usage: dotnet run -c Release --project bench/PostsBench -- [--hour-posts 5000] [--day-posts 120000] [--runs 10] [--warm-up-seconds 5] [--seed 42]";

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(5000, 120_000, 10, 42, 5);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--hour-posts" => options with { HourPosts = value },
                "--day-posts" => options with { DayPosts = value },
                "--runs" => options with { Runs = value },
                "--seed" => options with { Seed = value },
                "--warm-up-seconds" => options with { WarmUpSeconds = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
