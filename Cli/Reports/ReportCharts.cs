using System.Globalization;
using ScottPlot;

namespace TrendingTv.Cli.Reports;

/// <summary>Renders the report's charts as PNG bytes with ScottPlot: horizontal top-N bar charts (the posts stacked by source) and the daily-counts heatmap.</summary>
public static class ReportCharts
{
    private const int Width = 1000;

    /// <summary>Series colours in order: the first (X when present) keeps the single-series bars' colour.</summary>
    private static readonly Color[] SeriesColors = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.MediumPurple];

    /// <summary>A horizontal bar chart, the first item on top.</summary>
    public static byte[] BarChart(string title, string valueLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        var plot = new Plot();
        var count = labels.Count;
        var bars = Enumerable.Range(0, count)
            .Select(i => new Bar
            {
                Position = count - i,
                Value = values[i],
                FillColor = Colors.SteelBlue,
                Label = values[i].ToString(values[i] == Math.Floor(values[i]) ? "N0" : "N1", CultureInfo.InvariantCulture),
                Orientation = Orientation.Horizontal,
            })
            .ToArray();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 11;
        var ticks = Enumerable.Range(0, count).Select(i => new Tick(count - i, Shorten(labels[i]))).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.12, bottom: 0.02, top: 0.02);
        plot.Title(title);
        plot.XLabel(valueLabel);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(Width, Math.Max(240, 70 + (22 * count)), ImageFormat.Png);
    }

    /// <summary>
    /// A horizontal bar chart whose bars are stacked by series (one colour each, named in a legend), the first item on
    /// top and each bar's total at its end. With one series it looks like <see cref="BarChart"/> plus the legend.
    /// </summary>
    public static byte[] StackedBarChart(string title, string valueLabel, IReadOnlyList<string> labels, IReadOnlyList<(string Series, double[] Values)> series)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return BarChart(title, valueLabel, labels, new double[labels.Count]);
        }

        var plot = new Plot();
        var count = labels.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < count; i++)
        {
            var total = series.Sum(s => s.Values[i]);
            var bottom = 0.0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                bars.Add(new Bar
                {
                    Position = count - i,
                    ValueBase = bottom,
                    Value = bottom + value,
                    FillColor = SeriesColors[s % SeriesColors.Length],
                    Label = s == series.Count - 1 ? total.ToString(total == Math.Floor(total) ? "N0" : "N1", CultureInfo.InvariantCulture) : string.Empty,
                    Orientation = Orientation.Horizontal,
                });
                bottom += value;
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 11;
        for (var s = 0; s < series.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Series, FillColor = SeriesColors[s % SeriesColors.Length] });
        }

        plot.ShowLegend(Alignment.LowerRight);
        var ticks = Enumerable.Range(0, count).Select(i => new Tick(count - i, Shorten(labels[i]))).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.12, bottom: 0.02, top: 0.02);
        plot.Title(title);
        plot.XLabel(valueLabel);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(Width, Math.Max(240, 70 + (22 * count)), ImageFormat.Png);
    }

    /// <summary>The daily counts of the top shows: one row per show, one column per date.</summary>
    public static byte[] Heatmap(string title, DailyCountsGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var plot = new Plot();
        var rows = grid.ShowIds.Count;
        var columns = grid.Dates.Count;
        if (rows == 0)
        {
            plot.Title(title + " (no data)");
            return plot.GetImageBytes(Width, 200, ImageFormat.Png);
        }

        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                intensities[r, c] = grid.Counts[r][c];
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Row 0 is drawn at the top; each cell is one unit square.
        heatmap.Rectangle = new CoordinateRect(0, columns, 0, rows);
        plot.Add.ColorBar(heatmap);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(r => new Tick(rows - r - 0.5, Shorten(grid.ShowNames[r]))).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, columns).Select(c => new Tick(c + 0.5, grid.Dates[c].ToString("MM-dd", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(0, columns, 0, rows);
        plot.Title(title);
        return plot.GetImageBytes(Width, Math.Max(260, 90 + (24 * rows)), ImageFormat.Png);
    }

    private static string Shorten(string text) => text.Length <= 28 ? text : text[..27] + "…";
}
