namespace TrendingTv.DataLake.Catalogue;

/// <summary>A catalogue that cannot be used, with the line (1-based, header = 1) and the problem.</summary>
public sealed class CatalogueException : FormatException
{
    public CatalogueException(string source, int lineNumber, string problem)
        : base($"{source}, line {lineNumber}: {problem}")
    {
        Source = source;
        LineNumber = lineNumber;
        Problem = problem;
    }

    public new string Source { get; }

    public int LineNumber { get; }

    public string Problem { get; }
}
