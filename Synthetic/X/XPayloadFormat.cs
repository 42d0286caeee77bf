namespace TrendingTv.Synthetic.X;

/// <summary>The two shapes of raw X payloads the pipeline reads.</summary>
public enum XPayloadFormat
{
    /// <summary>A v1.1 status (streamed or archived): <c>retweeted_status</c>, <c>quoted_status</c>, <c>extended_tweet</c>.</summary>
    V1Status,

    /// <summary>A v2 filtered-stream envelope: <c>data</c>, <c>includes</c>, <c>matching_rules</c>; long text in <c>note_tweet</c>.</summary>
    V2Envelope,
}
