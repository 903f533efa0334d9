using Descent.Landscapes;
using Plotly.NET;
using Microsoft.FSharp.Core;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;
using FSharpChart = Plotly.NET.Chart;

namespace Descent.Charts;

/// <summary>
/// Every chart the notebooks draw, with one look: the same size, fonts, and one colour per
/// optimizer (<see cref="Palette"/>). A notebook never styles a chart by hand; it calls these.
/// </summary>
public static class Plot
{
    /// <summary>Default size of a single chart, in pixels.</summary>
    public const int Width = 760, Height = 460;

    /// <summary>Long trajectories are thinned to at most this many points for display (the data is untouched).</summary>
    public const int MaxPointsShown = 1500;

    /// <summary>Grid resolution of contour plots.</summary>
    public const int ContourResolution = 120;

    /// <summary>
    /// Contours of the landscape (of log(1 + f − f*), so that deep valleys stay visible) with each
    /// run drawn on top: its path, its start (circle), the known minima (stars), and an ✕ where a
    /// run blew up.
    /// </summary>
    public static GenericChart Contour(ILandscape landscape, params Trajectory[] runs) =>
        Contour(landscape, title: null, runs);

    /// <summary><see cref="Contour(ILandscape, Trajectory[])"/> with a title.</summary>
    public static GenericChart Contour(ILandscape landscape, string? title, params Trajectory[] runs)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var charts = new List<GenericChart> { LandscapeContour(landscape) };
        var minima = landscape.Minima;
        if (minima.Count > 0)
            charts.Add(CSharpChart.Point<double, double, string>(
                x: minima.Select(m => m.X), y: minima.Select(m => m.Y), Name: "minimum",
                MarkerSymbol: StyleParam.MarkerSymbol.Star, MarkerColor: Color.fromHex("#222222"), ShowLegend: false));
        for (int i = 0; i < runs.Length; i++)
            charts.AddRange(Path(runs[i], i));

        var (xMin, xMax) = landscape.XRange;
        var (yMin, yMax) = landscape.YRange;
        return Style(CSharpChart.Combine(charts), title ?? $"{landscape.Name}", "x", "y")
            .WithXAxisStyle<double, double, string>(TitleText: "x", MinMax: new Tuple<double, double>(xMin, xMax))
            .WithYAxisStyle<double, double, string>(TitleText: "y", MinMax: new Tuple<double, double>(yMin, yMax));
    }

    /// <summary>The gap f(θₖ) − f* against step k for each run, on a log axis; diverged runs end with an ✕.</summary>
    public static GenericChart Losses(params Trajectory[] runs) => Losses(title: null, runs);

    /// <summary><see cref="Losses(Trajectory[])"/> with a title.</summary>
    public static GenericChart Losses(string? title, params Trajectory[] runs)
    {
        var charts = new List<GenericChart>();
        for (int i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            double fStar = run.Landscape.MinimumValue;
            // A log axis cannot show a gap of exactly 0 (the minimum reached to the last bit): those points are left out.
            var shown = Thin(Enumerable.Range(0, run.Losses.Count).Where(k => run.Losses[k] - fStar > 0).ToArray());
            charts.Add(CSharpChart.Line<double, double, string>(
                x: shown.Select(k => (double)k), y: shown.Select(k => run.Losses[k] - fStar),
                Name: run.Label, LineColor: Palette.Of(run.OptimizerName, i), LineWidth: 2.0));
            if (run.Diverged && shown.Length > 0)
                charts.Add(BlowUpMarker(shown[^1], run.Losses[shown[^1]] - fStar, run, i));
        }
        return Style(CSharpChart.Combine(charts), title ?? "loss gap f − f* per step", "step", "f(θ) − f*")
            .WithYAxisStyle<double, double, string>(TitleText: "f(θ) − f*  (log)", AxisType: StyleParam.AxisType.Log);
    }

    /// <summary>A plain line chart of named series, optionally with log axes.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, IEnumerable<Series> series,
        bool logX = false, bool logY = false, bool markers = false)
    {
        var charts = series.Select((s, i) =>
        {
            var shown = Thin(Enumerable.Range(0, s.X.Count).ToArray());
            return CSharpChart.Line<double, double, string>(
                x: shown.Select(k => s.X[k]), y: shown.Select(k => s.Y[k]), Name: s.Name, ShowMarkers: markers,
                LineColor: s.Color is null ? Palette.Nth(i) : Color.fromHex(s.Color), LineWidth: 2.0,
                LineDash: s.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);
        }).ToList();
        var chart = Style(CSharpChart.Combine(charts), title, xTitle, yTitle);
        if (logX) chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle + "  (log)", AxisType: StyleParam.AxisType.Log);
        if (logY) chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle + "  (log)", AxisType: StyleParam.AxisType.Log);
        return chart;
    }

    /// <summary>Several charts side by side, <paramref name="columns"/> per row, each keeping its own axes.</summary>
    public static GenericChart Grid(int columns, params GenericChart[] panels) =>
        Grid(columns, titles: null, panels);

    /// <summary><see cref="Grid(int, GenericChart[])"/> with a title above each panel.</summary>
    public static GenericChart Grid(int columns, IReadOnlyList<string>? titles, params GenericChart[] panels)
    {
        Require.AtLeast(columns, 1);
        if (panels.Length == 0) throw new ArgumentException("panels.Length = 0 is out of range: the valid range is [1, ∞).", nameof(panels));
        int rows = (panels.Length + columns - 1) / columns;
        var grid = titles is null
            ? CSharpChart.Grid(panels, rows, columns)
            : CSharpChart.Grid(panels, rows, columns, SubPlotTitles: titles.ToArray());
        return grid.WithSize(Width * Math.Min(columns, 2) * 3 / 4 + 200, Height * rows * 4 / 5 + 80);
    }

    // ---- pieces -------------------------------------------------------------------------------

    private static GenericChart LandscapeContour(ILandscape landscape)
    {
        var (xMin, xMax) = landscape.XRange;
        var (yMin, yMax) = landscape.YRange;
        int n = ContourResolution;
        double[] xs = Enumerable.Range(0, n).Select(i => xMin + (xMax - xMin) * i / (n - 1)).ToArray();
        double[] ys = Enumerable.Range(0, n).Select(j => yMin + (yMax - yMin) * j / (n - 1)).ToArray();
        // z[j][i] = level at (xs[i], ys[j]): rows are y, as Plotly expects.
        double fStar = landscape.MinimumValue;
        double[][] z = ys.Select(y => xs.Select(x => Math.Log(1 + Math.Max(0, landscape.Value(x, y) - fStar))).ToArray()).ToArray();
        return CSharpChart.Contour<double, double, double, string>(
            zData: z, X: xs, Y: ys, Name: "log(1 + f − f*)", ShowScale: false, NContours: 24,
            ColorScale: StyleParam.Colorscale.Viridis, Opacity: 0.55, ShowLegend: false);
    }

    private static IEnumerable<GenericChart> Path(Trajectory run, int index)
    {
        var color = Palette.Of(run.OptimizerName, index);
        var shown = Thin(Enumerable.Range(0, run.Points.Count).ToArray());
        yield return CSharpChart.Line<double, double, string>(
            x: shown.Select(k => run.Points[k].X), y: shown.Select(k => run.Points[k].Y), Name: run.Label,
            ShowMarkers: run.Points.Count <= 120, LineColor: color, MarkerColor: color, LineWidth: 2.0);
        yield return CSharpChart.Point<double, double, string>(
            x: [run.Points[0].X], y: [run.Points[0].Y], Name: "start", MarkerColor: color,
            MarkerSymbol: StyleParam.MarkerSymbol.Circle, ShowLegend: false);
        if (run.Diverged)
            yield return BlowUpMarker(run.Final.X, run.Final.Y, run, index);
    }

    private static GenericChart BlowUpMarker(double x, double y, Trajectory run, int index) =>
        CSharpChart.Point<double, double, string>(
            x: [x], y: [y], Name: $"{run.Label}: diverged at step {run.DivergedAtStep}",
            Text: $"diverged at step {run.DivergedAtStep}", TextPosition: StyleParam.TextPosition.TopCenter,
            MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: Palette.Of(run.OptimizerName, index));

    /// <summary>Indices to draw: all of them when few, else evenly spaced ones plus the last.</summary>
    internal static int[] Thin(int[] indices)
    {
        if (indices.Length <= MaxPointsShown) return indices;
        double stride = (indices.Length - 1) / (double)(MaxPointsShown - 1);
        return Enumerable.Range(0, MaxPointsShown).Select(i => indices[(int)Math.Round(i * stride)]).Distinct().ToArray();
    }

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle)
    {
        chart = FSharpChart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(Width, Height)
            .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal, Y: -0.22);
        return FSharpChart.withMarginSize<int, int, int, int, int, bool>(Some(60), Some(20), Some(50), Some(40), null, null).Invoke(chart);
    }

    private static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);
}
