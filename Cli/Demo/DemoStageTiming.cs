namespace TrendingTv.Cli.Demo;

/// <summary>How long one stage of the demo took (wall clock, for the summary line).</summary>
public sealed record DemoStageTiming(string Stage, TimeSpan Elapsed);
