using System.Globalization;
using System.Text.Json;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Backfill;

/// <summary>
/// Checks a backfill request (DESIGN §7): dates in <c>yyyy-MM-dd</c> form, <c>from</c> ≤ <c>to</c>, nothing
/// after yesterday (UTC; today's data is not complete), at most <see cref="MaxDays"/> days, known datasets
/// (none given = all). Plain code, no Functions types, so the rules are unit-testable and shared by every host.
/// </summary>
public sealed class BackfillRequestValidator(TimeProvider time)
{
    /// <summary>The longest range one backfill may cover.</summary>
    public const int MaxDays = 366;

    private const string Expected = """expected {"from": "yyyy-MM-dd", "to": "yyyy-MM-dd", "datasets": ["tweet", "tmdb"]}""";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses and validates a request body.</summary>
    public BackfillValidationResult ValidateJson(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return BackfillValidationResult.Invalid([$"The request body is empty; {Expected}."]);
        }

        BackfillRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<BackfillRequest>(body, Json);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            return BackfillValidationResult.Invalid([$"The request body is not valid JSON{where} ({FirstSentence(e.Message)}); {Expected}."]);
        }

        return request is null
            ? BackfillValidationResult.Invalid([$"The request body is null; {Expected}."])
            : Validate(request);
    }

    public BackfillValidationResult Validate(BackfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var from = ParseDate("from", request.From, errors);
        var to = ParseDate("to", request.To, errors);
        var datasets = ParseDatasets(request.Datasets, errors);

        if (from is { } f && to is { } t)
        {
            if (f > t)
            {
                errors.Add($"from {Iso(f)} is after to {Iso(t)}.");
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                errors.Add($"The range {Iso(f)} to {Iso(t)} has {t.DayNumber - f.DayNumber + 1} days; at most {MaxDays} are allowed.");
            }
        }

        foreach (var (name, date) in new[] { ("from", from), ("to", to) })
        {
            if (date is { } d && d > yesterday)
            {
                errors.Add($"{name} {Iso(d)} is not over yet: the latest date that can be run is yesterday, {Iso(yesterday)} (UTC).");
            }
        }

        return errors.Count > 0
            ? BackfillValidationResult.Invalid(errors)
            : BackfillValidationResult.Valid(new BackfillPlan(from!.Value, to!.Value, datasets!));
    }

    private static DateOnly? ParseDate(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{name} is missing; give a date in yyyy-MM-dd form.");
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"{name} '{text}' is not a date in yyyy-MM-dd form.");
            return null;
        }

        return date;
    }

    private static List<Dataset>? ParseDatasets(IReadOnlyList<string>? names, List<string> errors)
    {
        if (names is null)
        {
            return [.. DatasetNames.All];
        }

        if (names.Count == 0)
        {
            errors.Add("datasets is empty; name 'tweet' and/or 'tmdb', or leave datasets out for both.");
            return null;
        }

        var datasets = new List<Dataset>();
        var ok = true;
        foreach (var name in names)
        {
            if (!DatasetNames.TryParse(name, out var dataset))
            {
                errors.Add($"datasets: '{name}' is not a dataset; expected 'tweet' or 'tmdb'.");
                ok = false;
            }
            else if (!datasets.Contains(dataset))
            {
                datasets.Add(dataset);
            }
        }

        return ok ? datasets : null;
    }

    private static string Iso(DateOnly date) => LakeLayout.Iso(date);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
