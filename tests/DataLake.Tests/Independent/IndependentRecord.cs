namespace TrendingTv.DataLake.Tests.Independent;

/// <summary>A canonical record as <see cref="IndependentCanonical"/> derives it, in plain types for comparison.</summary>
internal sealed record IndependentRecord(long Id, string CreatedAt, string Date, string? Lang, string Text, string TextKey, string Hashtags, string Format);
