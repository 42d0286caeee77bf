using System.Diagnostics.CodeAnalysis;

namespace TrendingTv.Dags.Backfill;

/// <summary>Either a plan or every problem found in the request, each a sentence naming the field and the bad value.</summary>
public sealed record BackfillValidationResult(BackfillPlan? Plan, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Plan))]
    public bool IsValid => Plan is not null && Errors.Count == 0;

    public static BackfillValidationResult Valid(BackfillPlan plan) => new(plan, []);

    public static BackfillValidationResult Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
