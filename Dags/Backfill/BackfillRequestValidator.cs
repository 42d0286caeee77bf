using System.Globalization;
using System.Text.Json;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Backfill;

/// <summary>
/// Checks a backfill request: a JSON object with only the fields <c>from</c>, <c>to</c> and <c>datasets</c>
/// (an unknown field, e.g. a misspelt <c>dataset</c>, is an error rather than silently ignored), dates in
/// <c>yyyy-MM-dd</c> form, <c>from</c> ≤ <c>to</c>, nothing after yesterday (UTC; today's data is not
/// complete), at most <see cref="MaxDays"/> days, known datasets (none given = all). Plain code, no host
/// types, so the rules are unit-testable and shared by every host (the Functions app, <c>serve</c>, <c>run</c>).
/// </summary>
public sealed class BackfillRequestValidator(TimeProvider time)
{
    /// <summary>The longest range one backfill may cover.</summary>
    public const int MaxDays = 366;

    /// <summary>The largest request body accepted: a backfill request is a few dozen bytes.</summary>
    public const int MaxBodyBytes = 4096;

    private static readonly string[] Fields = ["from", "to", "datasets"];

    private const string Expected = """expected {"from": "yyyy-MM-dd", "to": "yyyy-MM-dd", "datasets": ["tweet", "tmdb"]}""";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses and validates a request body.</summary>
    public BackfillValidationResult ValidateJson(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return BackfillValidationResult.Invalid([$"The request body is empty; {Expected}."]);
        }

        if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            return BackfillValidationResult.Invalid([TooLarge]);
        }

        BackfillRequest? request;
        try
        {
            if (UnknownFields(body) is { Count: > 0 } unknown)
            {
                return BackfillValidationResult.Invalid(unknown);
            }

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

    /// <summary>The message for a body over <see cref="MaxBodyBytes"/>.</summary>
    public static string TooLarge { get; } = $"The request body is larger than {MaxBodyBytes} bytes; {Expected}.";

    /// <summary>
    /// The problem with running <paramref name="from"/> to <paramref name="to"/> in one go (reversed, or longer
    /// than <see cref="MaxDays"/> days unless <paramref name="allowLong"/>), or null. <paramref name="names"/>
    /// names the bounds as the caller's user wrote them. The same rules apply to <c>trendingtv run</c> and <c>report</c>.
    /// </summary>
    public static string? RangeProblem(DateOnly from, DateOnly to, RangeNames names, bool allowLong = false)
    {
        if (from > to)
        {
            return $"{names.From} {Iso(from)} is after {names.To} {Iso(to)}.";
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return days > MaxDays && !allowLong ? $"The range {Iso(from)} to {Iso(to)} has {days} days; at most {MaxDays} are allowed." : null;
    }

    /// <summary>The problem with running <paramref name="date"/> before it is over (today's data is not complete), or null.</summary>
    public static string? NotOverYetProblem(string name, DateOnly date, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        return date > yesterday
            ? $"{name} {Iso(date)} is not over yet: the latest date that can be run is yesterday, {Iso(yesterday)} (UTC)."
            : null;
    }

    public BackfillValidationResult Validate(BackfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var from = ParseDate("from", request.From, errors);
        var to = ParseDate("to", request.To, errors);
        var datasets = ParseDatasets(request.Datasets, errors);

        if (from is { } f && to is { } t && RangeProblem(f, t, RangeNames.Request) is { } problem)
        {
            errors.Add(problem);
        }

        foreach (var (name, date) in new[] { ("from", from), ("to", to) })
        {
            if (date is { } d && NotOverYetProblem(name, d, time) is { } notOver)
            {
                errors.Add(notOver);
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

    /// <summary>The fields of the body's object that are not <c>from</c>, <c>to</c> or <c>datasets</c>, each as an error; a body that is not an object is left to the deserializer.</summary>
    private static List<string> UnknownFields(string body)
    {
        using var document = JsonDocument.Parse(body);
        var errors = new List<string>();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return errors;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                var hint = property.Name.Length == 0 ? null : Fields.FirstOrDefault(f => f.StartsWith(property.Name, StringComparison.OrdinalIgnoreCase) || property.Name.StartsWith(f, StringComparison.OrdinalIgnoreCase));
                errors.Add($"'{property.Name}' is not a field of a backfill request{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}; the fields are from, to and datasets.");
            }
        }

        return errors;
    }

    private static string Iso(DateOnly date) => LakeLayout.Iso(date);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}

/// <summary>How a range's bounds are named in messages: as fields of a request body, or as command-line options.</summary>
public readonly record struct RangeNames(string From, string To)
{
    public static RangeNames Request { get; } = new("from", "to");

    public static RangeNames CommandLine { get; } = new("--from", "--to");
}
