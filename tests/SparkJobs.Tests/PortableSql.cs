using System.Text.RegularExpressions;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// The portable SQL subset (docs/architecture.md) as a checker: what Spark SQL and DuckDB evaluate the same way.
/// Functions: count (with DISTINCT), sum, coalesce, instr, array_contains, lower, CAST, row_number() OVER.
/// Syntax: WITH, SELECT, FROM, joins (INNER/LEFT) with ON, WHERE, GROUP BY, UNION ALL, CASE,
/// comparisons, AND/OR/NOT, IS [NOT] NULL, literals ('text' without escapes, whole numbers),
/// <c>${var}</c> parameters, and names from the jobs' vocabulary. Anything else is reported.
/// </summary>
internal static partial class PortableSql
{
    public static readonly HashSet<string> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "coalesce", "instr", "array_contains", "lower", "cast", "row_number",
    };

    public static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "as", "select", "distinct", "from", "join", "inner", "left", "outer", "on", "where", "group", "by",
        "union", "all", "case", "when", "then", "else", "end", "and", "or", "not", "is", "null", "true", "false",
        "over", "partition", "order", "asc", "desc",
        // CAST target types that mean the same in both engines.
        "bigint", "int", "double", "date", "string",
    };

    /// <summary>Keywords that may be followed by '(' (a subquery, a CTE body, a window, a condition).</summary>
    private static readonly HashSet<string> KeywordsBeforeParenthesis = new(StringComparer.OrdinalIgnoreCase)
    {
        "as", "over", "from", "join", "on", "and", "or", "not", "when", "then", "else", "where", "select", "all",
    };

    /// <summary>Violations in <paramref name="sql"/>, each naming the line; empty when the text is portable.</summary>
    public static IReadOnlyList<string> Violations(string sql, IReadOnlySet<string> vocabulary)
    {
        var problems = new List<string>();
        var lines = sql.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            var comment = line.IndexOf("--", StringComparison.Ordinal);
            var code = comment >= 0 ? line[..comment] : line;
            code = Parameter().Replace(code, " ");
            foreach (Match literal in StringLiteral().Matches(code))
            {
                var body = literal.Groups["body"].Value;
                if (body.Contains("''", StringComparison.Ordinal) || body.Contains('\\', StringComparison.Ordinal))
                {
                    // Spark reads backslash escapes in literals, DuckDB does not; '' is DuckDB's escape only.
                    problems.Add($"line {number}: escaped quote in a string literal");
                }
            }

            code = StringLiteral().Replace(code, " ");
            foreach (Match bad in Forbidden().Matches(code))
            {
                problems.Add($"line {number}: '{bad.Value}' is not in the portable subset");
            }

            foreach (Match word in Word().Matches(code))
            {
                var text = word.Groups["word"].Value;
                var call = word.Groups["call"].Success;
                if (char.IsDigit(text[0]))
                {
                    if (!WholeNumber().IsMatch(text))
                    {
                        problems.Add($"line {number}: number literal '{text}'");
                    }

                    continue;
                }

                if (call)
                {
                    if (!Functions.Contains(text) && !KeywordsBeforeParenthesis.Contains(text))
                    {
                        problems.Add($"line {number}: function '{text}' is not in the portable subset");
                    }
                }
                else
                {
                    foreach (var part in text.Split('.'))
                    {
                        if (!Keywords.Contains(part) && !vocabulary.Contains(part))
                        {
                            problems.Add($"line {number}: '{part}' is neither a portable keyword nor a name of the jobs");
                        }
                    }
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"'(?<body>(?:[^'\\]|''|\\.)*)'")]
    private static partial Regex StringLiteral();

    // Engine-specific operators and quoting: casts (::), concatenation (||), lambdas (->), indexing,
    // quoted identifiers, braces of struct or map literals, semicolons inside the text, and the
    // '!' / '%' / '/' / '^' operators whose semantics differ.
    [GeneratedRegex(@"::|\|\||->|=>|[\[\]""`{}!%/^:;?@#&|~\\]")]
    private static partial Regex Forbidden();

    [GeneratedRegex(@"(?<word>[A-Za-z_0-9][A-Za-z0-9_.]*)(?<call>\s*\()?")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex WholeNumber();
}
