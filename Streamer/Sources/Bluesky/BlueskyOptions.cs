using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// Configuration section <c>Bluesky</c>: the Jetstream instances to read from and how the client reconnects. Bluesky
/// needs no credentials. Environment variables use <c>__</c> for <c>:</c> (<c>Bluesky__StallTimeout=00:01:00</c>,
/// <c>Bluesky__Instances__0=wss://…/subscribe</c>).
/// </summary>
public sealed class BlueskyOptions : IValidatableObject
{
    public const string SectionName = "Bluesky";

    /// <summary>The four public Jetstream instances Bluesky runs.</summary>
    public static IReadOnlyList<string> PublicInstances { get; } =
    [
        "wss://jetstream1.us-east.bsky.network/subscribe",
        "wss://jetstream2.us-east.bsky.network/subscribe",
        "wss://jetstream1.us-west.bsky.network/subscribe",
        "wss://jetstream2.us-west.bsky.network/subscribe",
    ];

    /// <summary>
    /// Jetstream <c>/subscribe</c> endpoints (ws:// or wss://), tried in order, moving to the next after each failure.
    /// Empty (the default) means <see cref="PublicInstances"/>. A list, not a default to add to: configuration binding
    /// appends to a list's defaults.
    /// </summary>
    public List<string> Instances { get; set; } = [];

    /// <summary>How far before the last event read the cursor resumes, so nothing between is missed (duplicates are dropped by id).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CursorMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>No message for this long means the connection stalled: it is dropped and another made. The firehose never idles for long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed to open a connection (TCP, TLS and the WebSocket handshake).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait after the first failure; it doubles with each further failure in a row, up to <see cref="ReconnectDelayMax"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelayInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between connection attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The largest message kept; a larger one is read to its end without being buffered, counted and reported as
    /// malformed. Real post and repost events are a few kilobytes at most.
    /// </summary>
    [Range(4 * 1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Keep every post and repost (no keep filter): for capturing everything and matching later. The default keeps only
    /// posts that could count for a tracked show. Env: <c>Bluesky__KeepAll=true</c>.
    /// </summary>
    public bool KeepAll { get; set; }

    /// <summary>The instances in effect: <see cref="Instances"/>, or <see cref="PublicInstances"/> when none are set.</summary>
    public IReadOnlyList<Uri> InstanceUris() =>
        [.. (Instances.Count > 0 ? Instances : PublicInstances).Select(instance => new Uri(instance, UriKind.Absolute))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var instance in Instances)
        {
            if (!Uri.TryCreate(instance, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeWs && uri.Scheme != Uri.UriSchemeWss))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(Instances)} holds '{instance}', which is not a ws:// or wss:// URL.", [nameof(Instances)]);
            }
            else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(Instances)} holds '{instance}': give the /subscribe endpoint without a query; the client adds its own.", [nameof(Instances)]);
            }
        }

        if (Instances.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Instances.Count)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Instances)} lists an instance twice.", [nameof(Instances)]);
        }

        if (ReconnectDelayInitial > ReconnectDelayMax)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ReconnectDelayInitial)} ({ReconnectDelayInitial}) is longer than {SectionName}:{nameof(ReconnectDelayMax)} ({ReconnectDelayMax}).",
                [nameof(ReconnectDelayInitial), nameof(ReconnectDelayMax)]);
        }
    }
}
