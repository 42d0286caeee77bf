namespace TrendingTv.Synthetic.Week;

/// <summary>A show whose posts were multiplied on one date of the synthetic week.</summary>
public sealed record InjectedSpike(long ShowId, string Name, DateOnly Date, double Multiplier, int PlannedCount, double BaselineExpected);
