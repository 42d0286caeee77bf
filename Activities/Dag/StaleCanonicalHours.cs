namespace TrendingTv.Activities.Dag;

/// <summary>The canonical hours a tweet run reads that were checked, and those among them that are stale.</summary>
public sealed record StaleCanonicalHours(int HoursChecked, IReadOnlyList<CanonicalHourRequest> Stale);
