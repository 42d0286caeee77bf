using System.Globalization;

namespace TrendingTv.StorageBench;

/// <summary>The command line of the storage benchmark.</summary>
public sealed record BenchArguments
{
    public const string Usage = """
        usage: StorageBench [--store local|s3] [--size-mb N] [--part-mib N] [--root LAKE] [--service-url URL] [--max-peak-mb N]
          --store        local (default): a temporary directory, or --root DIR
                         s3: starts s3rver from node_modules (run npm ci) unless --service-url or --root is given
          --size-mb      object size in MiB (default 200)
          --part-mib     multipart part size in MiB (default 16, the lake default)
          --root         lake root to use instead of a temporary one (file path, file:///..., s3://bucket[/prefix])
          --service-url  S3-compatible endpoint for --root, or an s3rver already running (a fresh bucket is created)
          --max-peak-mb  exit with code 3 when the peak working set exceeds this (MiB)
        """;

    public string Store { get; init; } = "local";

    public int SizeMiB { get; init; } = 200;

    public int PartMiB { get; init; } = 16;

    public string? Root { get; init; }

    public string? ServiceUrl { get; init; }

    public int? MaxPeakMiB { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out BenchArguments parsed, out string? error)
    {
        parsed = new BenchArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"'{name}' needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--store" when value is "local" or "s3":
                    parsed = parsed with { Store = value };
                    break;
                case "--store":
                    error = $"--store '{value}' is neither local nor s3.";
                    return false;
                case "--size-mb" when Positive(value) is { } size:
                    parsed = parsed with { SizeMiB = size };
                    break;
                case "--part-mib" when Positive(value) is { } part && part >= 5:
                    parsed = parsed with { PartMiB = part };
                    break;
                case "--max-peak-mb" when Positive(value) is { } peak:
                    parsed = parsed with { MaxPeakMiB = peak };
                    break;
                case "--root":
                    parsed = parsed with { Root = value };
                    break;
                case "--service-url":
                    parsed = parsed with { ServiceUrl = value };
                    break;
                default:
                    error = $"Unknown option or bad value: {name} {value}.";
                    return false;
            }
        }

        return true;
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
