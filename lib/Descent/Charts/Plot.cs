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
public static partial class Plot
{
    /// <summary>
    /// Height of a single chart, in pixels. The width is left to the page, so charts fill the
    /// notebook's output area or a phone's screen and resize with it.
    /// </summary>
    public const int Height = 460;

    /// <summary>Long trajectories are thinned to at most this many points for display (the data is untouched).</summary>
    public const int MaxPointsShown = 1500;

    /// <summary>Grid resolution of contour plots.</summary>
    public const int ContourResolution = 100;

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
        var colors = ColorsFor(runs);
        for (int i = 0; i < runs.Length; i++)
            charts.AddRange(Path(runs[i], colors[i]));

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
        var colors = ColorsFor(runs);
        for (int i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            double fStar = run.Landscape.MinimumValue;
            // A log axis cannot show a gap of exactly 0 (the minimum reached to the last bit): those points are left out.
            var shown = Thin(Enumerable.Range(0, run.Losses.Count).Where(k => run.Losses[k] - fStar > 0).ToArray());
            charts.Add(CSharpChart.Line<double, double, string>(
                x: shown.Select(k => (double)k), y: shown.Select(k => run.Losses[k] - fStar),
                Name: run.Label, LineColor: colors[i], LineWidth: 2.0));
            if (run.Diverged && shown.Length > 0)
                charts.Add(BlowUpMarker(shown[^1], run.Losses[shown[^1]] - fStar, run, colors[i]));
        }
        return Style(CSharpChart.Combine(charts), title ?? "loss gap f − f* per step", "step", "f(θ) − f*")
            .WithYAxisStyle<double, double, string>(TitleText: "f(θ) − f*  (log)", AxisType: StyleParam.AxisType.Log);
    }

    /// <summary>
    /// Learning-rate sweeps: final gap f − f* against η, both on log axes, one line per optimizer.
    /// Diverged rates cannot sit on a log axis at ∞: they are drawn as ✕ on a line above the highest
    /// finite value, labelled "diverged".
    /// </summary>
    public static GenericChart Sweeps(string title, params SweepResult[] sweeps)
    {
        var finite = sweeps.SelectMany(s => s.FinalGaps).Where(g => double.IsFinite(g) && g > 0).ToList();
        double ceiling = finite.Count == 0 ? 1 : finite.Max() * 10;
        var charts = new List<GenericChart>();
        for (int i = 0; i < sweeps.Length; i++)
        {
            var sw = sweeps[i];
            var color = Palette.Of(sw.OptimizerName, i);
            var ok = Enumerable.Range(0, sw.Rates.Length).Where(k => double.IsFinite(sw.FinalGaps[k])).ToArray();
            // A gap of exactly 0 cannot be shown on a log axis: it is drawn at the smallest positive double.
            charts.Add(CSharpChart.Line<double, double, string>(
                x: ok.Select(k => sw.Rates[k]), y: ok.Select(k => Math.Max(sw.FinalGaps[k], double.Epsilon)),
                Name: sw.OptimizerName, ShowMarkers: true, LineColor: color, MarkerColor: color, LineWidth: 2.0));
            var blown = Enumerable.Range(0, sw.Rates.Length).Where(k => !double.IsFinite(sw.FinalGaps[k])).ToArray();
            if (blown.Length > 0)
                charts.Add(CSharpChart.Point<double, double, string>(
                    x: blown.Select(k => sw.Rates[k]), y: blown.Select(_ => ceiling), Name: $"{sw.OptimizerName}: diverged",
                    MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: color, ShowLegend: false));
        }
        return Style(CSharpChart.Combine(charts), title, "η", "f − f*")
            .WithXAxisStyle<double, double, string>(TitleText: "learning rate η  (log)", AxisType: StyleParam.AxisType.Log)
            .WithYAxisStyle<double, double, string>(TitleText: "final f − f*  (log; ✕ = diverged)", AxisType: StyleParam.AxisType.Log);
    }

    /// <summary>A 2-D classification dataset as a scatter plot, one colour per class.</summary>
    public static GenericChart Dataset(Descent.Training.Dataset data)
    {
        if (data.Features != 2 || !data.IsClassification)
            throw new ArgumentException($"{data.Name} has {data.Features} features{(data.IsClassification ? "" : " and no labels")}: the scatter plot needs 2 features and labels.", nameof(data));
        var charts = Enumerable.Range(0, data.Classes).Select(c =>
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == c).ToArray();
            return CSharpChart.Point<double, double, string>(x: rows.Select(i => data.X[2 * i]), y: rows.Select(i => data.X[2 * i + 1]),
                Name: $"class {c}", MarkerColor: Palette.Nth(c));
        });
        return Style(CSharpChart.Combine(charts), data.Name, "x₁", "x₂");
    }

    /// <summary>Learning rate against step for each schedule, on an optimizer whose base rate is <paramref name="baseRate"/>.</summary>
    public static GenericChart Schedules(string title, int steps, double baseRate, params Descent.Schedules.ISchedule[] schedules) =>
        Lines(title, "step", "learning rate η",
            schedules.Select(s => Series.OverSteps(s.Name, Descent.Schedules.Schedule.Rates(s, steps, baseRate))));

    /// <summary>
    /// Training loss per step for each run, on a log axis: the raw mini-batch losses faint, a moving
    /// average (window <paramref name="smoothing"/>) bold, in the optimizer's colour; ✕ where a run diverged.
    /// </summary>
    public static GenericChart Training(string title, IReadOnlyList<Descent.Training.TrainingRun> runs, int smoothing = 50, IReadOnlyList<string>? labels = null)
    {
        var charts = new List<GenericChart>();
        bool distinct = runs.Select(r => r.OptimizerName).Distinct().Count() == runs.Count;
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            string label = labels?[i] ?? run.OptimizerName;
            var color = distinct ? Palette.Of(run.OptimizerName, i) : Palette.Nth(i);
            var steps = Thin(Enumerable.Range(0, run.Losses.Length).ToArray());
            charts.Add(CSharpChart.Line<double, double, string>(x: steps.Select(k => (double)k + 1), y: steps.Select(k => run.Losses[k]),
                Name: $"{label} (raw)", LineColor: color, LineWidth: 1.0, Opacity: 0.25, ShowLegend: false));
            var smooth = MovingAverage(run.Losses, smoothing);
            charts.Add(CSharpChart.Line<double, double, string>(x: steps.Select(k => (double)k + 1), y: steps.Select(k => smooth[k]),
                Name: label, LineColor: color, LineWidth: 2.5));
            if (run.Diverged && run.Losses.Length > 0)
                charts.Add(CSharpChart.Point<double, double, string>(x: [run.Losses.Length], y: [run.Losses[^1]],
                    Name: $"{label}: diverged at step {run.DivergedAtStep}", MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: color));
        }
        return Style(CSharpChart.Combine(charts), title, "step", "loss")
            .WithYAxisStyle<double, double, string>(TitleText: "mini-batch loss  (log)", AxisType: StyleParam.AxisType.Log);
    }

    /// <summary>Trailing moving average (shorter at the start).</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        Require.AtLeast(window, 1);
        var result = new double[values.Count];
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }

    /// <summary>
    /// A plain line chart of named series, optionally with log axes. Each line is coloured as
    /// <see cref="Charts.Series"/> describes (by optimizer), see <see cref="HexColorsFor(IReadOnlyList{Charts.Series})"/>.
    /// </summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, IEnumerable<Series> series,
        bool logX = false, bool logY = false, bool markers = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = series.ToList();
        var colors = HexColorsFor(all);
        var charts = all.Select((s, i) =>
        {
            var shown = Thin(Enumerable.Range(0, s.X.Count).ToArray());
            return CSharpChart.Line<double, double, string>(
                x: shown.Select(k => s.X[k]), y: shown.Select(k => s.Y[k]), Name: s.Name, ShowMarkers: markers,
                LineColor: Color.fromHex(colors[i]), MarkerColor: Color.fromHex(colors[i]), LineWidth: 2.0,
                LineDash: s.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);
        }).ToList();
        var chart = Style(CSharpChart.Combine(charts), title, xTitle, yTitle);
        if (logX) chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle + "  (log)", AxisType: StyleParam.AxisType.Log);
        if (logY) chart = chart.WithYAxisStyle<double, double, string>(TitleText: yTitle + "  (log)", AxisType: StyleParam.AxisType.Log);
        return chart;
    }

    /// <summary>
    /// Runs over several seeds, one band per optimizer: the median across seeds solid, the lower and
    /// upper quantile of the band dashed, all in the optimizer's colour (see <see cref="Numerics.Band"/>).
    /// </summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="yTitle">What the band measures, e.g. "loss".</param>
    /// <param name="bands">Per optimizer (its name picks the colour), the band over steps.</param>
    /// <param name="logY">A log-scaled y axis.</param>
    public static GenericChart Bands(string title, string yTitle, IEnumerable<(string Optimizer, Numerics.Band Band)> bands,
        bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var series = new List<Series>();
        foreach (var (name, band) in bands)
        {
            ArgumentNullException.ThrowIfNull(band);
            string level(double q) => q.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            series.Add(Series.OverSteps($"{name} median", band.Median) with { Optimizer = name });
            series.Add(Series.OverSteps($"{name} {level(band.LowerLevel)} quantile", band.Lower, dashed: true) with { Optimizer = name });
            series.Add(Series.OverSteps($"{name} {level(band.UpperLevel)} quantile", band.Upper, dashed: true) with { Optimizer = name });
        }
        return Lines(title, "step", yTitle, series, logY: logY);
    }

    /// <summary>The colour (hex) an optimizer has in every chart of the course, e.g. <c>Plot.ColorOf("Adam")</c>.</summary>
    public static string ColorOf(string optimizerName)
    {
        ArgumentNullException.ThrowIfNull(optimizerName);
        if (!Palette.Knows(optimizerName))
            throw new ArgumentException($"optimizerName = \"{optimizerName}\" has no colour of its own: the optimizers with one are " +
                string.Join(", ", Palette.Optimizers) + ".", nameof(optimizerName));
        return Palette.Hex(optimizerName);
    }

    /// <summary>
    /// The colour of each line of <see cref="Lines"/>: its own <see cref="Charts.Series.Color"/> if set; else its
    /// optimizer's colour, unless two solid lines with different names would share one (two runs of Adam:
    /// then the lines could not be told apart, and every uncoloured line takes a series colour by index);
    /// lines of no optimizer take the next series colour not already used in the chart.
    /// </summary>
    internal static string[] HexColorsFor(IReadOnlyList<Series> series)
    {
        bool clash = series.Where(s => s.Color is null && !s.Dashed && s.OptimizerKey is not null)
            .GroupBy(s => Palette.Hex(s.OptimizerKey!)).Any(g => g.Select(s => s.Name).Distinct().Count() > 1);
        var colors = series.Select(s => s.Color ?? (clash || s.OptimizerKey is null ? null : Palette.Hex(s.OptimizerKey))).ToArray();
        var used = new HashSet<string>(colors.OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var free = Palette.Series.Where(c => !used.Contains(c)).ToList();
        if (free.Count == 0) free = [.. Palette.Series];
        int next = 0;
        for (int i = 0; i < colors.Length; i++)
            colors[i] ??= free[next++ % free.Count];
        return colors!;
    }

    /// <summary>Several charts side by side, <paramref name="columns"/> per row, each keeping its own axes.</summary>
    public static GenericChart Grid(int columns, params GenericChart[] panels) =>
        Grid(columns, titles: null, panels);

    /// <summary>
    /// <see cref="Grid(int, GenericChart[])"/> with a title above each panel. Every run of every panel is in the
    /// legend; a run drawn in several panels (the same name) is listed once, and clicking it hides it in all of them.
    /// On a narrow screen the book stacks the panels in one column (see the book's script).
    /// </summary>
    public static GenericChart Grid(int columns, IReadOnlyList<string>? titles, params GenericChart[] panels)
    {
        Require.AtLeast(columns, 1);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Length == 0) throw new ArgumentException("panels.Length = 0 is out of range: the valid range is [1, ∞).", nameof(panels));
        if (titles is not null && titles.Count != panels.Length)
            throw new ArgumentException($"titles.Count = {titles.Count} does not match panels.Length = {panels.Length}: one title per panel.", nameof(titles));
        int rows = (panels.Length + columns - 1) / columns;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var shown = panels.Select(p => GenericChart.mapTrace(FSharpFunc<Trace, Trace>.FromConverter(t => OncePerName(t, listed)), p)).ToArray();
        var grid = titles is null
            ? CSharpChart.Grid(shown, rows, columns)
            : CSharpChart.Grid(shown, rows, columns, SubPlotTitles: titles.ToArray());
        // Each panel brought its own title and size; the grid has its own. The meta entry tells the book's
        // script how the panels are laid out, so that it can stack them on a narrow screen.
        var sized = HeightOnly(FSharpChart.withTitle(" ", null).Invoke(grid), GridRowHeight * rows + 80);
        var described = GenericChart.mapLayout(FSharpFunc<Layout, Layout>.FromConverter(layout =>
        {
            layout.SetProperty("meta", new Dictionary<string, object>
            {
                ["descentGrid"] = new Dictionary<string, object>
                {
                    ["panels"] = panels.Length, ["columns"] = columns, ["titled"] = titles is not null,
                },
            });
            return layout;
        }), sized);
        return FillWidth(described);
    }

    /// <summary>A legend entry per run name: the first trace of a name is listed, later ones join its group.</summary>
    private static Trace OncePerName(Trace trace, HashSet<string> listed)
    {
        var name = trace.TryGetTypedPropertyValue<string>("name");
        var legend = trace.TryGetTypedPropertyValue<bool>("showlegend");
        if (name is null || (legend is not null && !legend.Value)) return trace;
        trace.SetProperty("legendgroup", name.Value);
        if (!listed.Add(name.Value)) trace.SetProperty("showlegend", false);
        return trace;
    }

    /// <summary>Height of one row of a <see cref="Grid(int, GenericChart[])"/>, in pixels.</summary>
    public const int GridRowHeight = 380;

    // ---- pieces -------------------------------------------------------------------------------

    private static GenericChart LandscapeContour(ILandscape landscape)
    {
        var (xMin, xMax) = landscape.XRange;
        var (yMin, yMax) = landscape.YRange;
        int n = ContourResolution;
        // Rounded: a chart needs 4 digits, and 17-digit numbers would make every contour ~300 kB.
        double[] xs = Enumerable.Range(0, n).Select(i => Math.Round(xMin + (xMax - xMin) * i / (n - 1), 4)).ToArray();
        double[] ys = Enumerable.Range(0, n).Select(j => Math.Round(yMin + (yMax - yMin) * j / (n - 1), 4)).ToArray();
        // z[j][i] = level at (xs[i], ys[j]): rows are y, as Plotly expects.
        double fStar = landscape.MinimumValue;
        double[][] z = ys.Select(y => xs.Select(x => Math.Round(Math.Log(1 + Math.Max(0, landscape.Value(x, y) - fStar)), 3)).ToArray()).ToArray();
        return CSharpChart.Contour<double, double, double, string>(
            zData: z, X: xs, Y: ys, Name: "log(1 + f − f*)", ShowScale: false, NContours: 24,
            ColorScale: StyleParam.Colorscale.Viridis, Opacity: 0.55, ShowLegend: false);
    }

    private static IEnumerable<GenericChart> Path(Trajectory run, Color color)
    {
        var shown = Thin(Enumerable.Range(0, run.Points.Count).ToArray());
        yield return CSharpChart.Line<double, double, string>(
            x: shown.Select(k => run.Points[k].X), y: shown.Select(k => run.Points[k].Y), Name: run.Label,
            ShowMarkers: run.Points.Count <= 120, LineColor: color, MarkerColor: color, LineWidth: 2.0);
        yield return CSharpChart.Point<double, double, string>(
            x: [run.Points[0].X], y: [run.Points[0].Y], Name: "start", MarkerColor: color,
            MarkerSymbol: StyleParam.MarkerSymbol.Circle, ShowLegend: false);
        if (run.Diverged)
            yield return BlowUpMarker(run.Final.X, run.Final.Y, run, color);
    }

    private static GenericChart BlowUpMarker(double x, double y, Trajectory run, Color color) =>
        CSharpChart.Point<double, double, string>(
            x: [x], y: [y], Name: $"{run.Label}: diverged at step {run.DivergedAtStep}",
            Text: $"diverged at step {run.DivergedAtStep}", TextPosition: StyleParam.TextPosition.MiddleLeft,
            MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: color);

    /// <summary>
    /// One colour per run: each optimizer's own colour when the runs are of different optimizers
    /// (so SGD is grey in every chapter); the series palette when one optimizer appears more than
    /// once (a sweep over η, several seeds), so that the runs can be told apart.
    /// </summary>
    internal static string[] HexColorsFor(IReadOnlyList<Trajectory> runs)
    {
        bool distinct = runs.Select(r => r.OptimizerName).Distinct(StringComparer.OrdinalIgnoreCase).Count() == runs.Count;
        return runs.Select((r, i) => distinct ? Palette.Hex(r.OptimizerName, i) : Palette.Series[i % Palette.Series.Count]).ToArray();
    }

    private static Color[] ColorsFor(IReadOnlyList<Trajectory> runs) => HexColorsFor(runs).Select(Color.fromHex).ToArray();

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
            .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal, Y: -0.22);
        chart = HeightOnly(chart, Height);
        chart = FSharpChart.withMarginSize<int, int, int, int, int, bool>(Some(60), Some(20), Some(50), Some(40), null, null).Invoke(chart);
        return FillWidth(chart);
    }

    /// <summary>Sets the height and no width (the C# WithSize would fill in 600 px).</summary>
    private static GenericChart HeightOnly(GenericChart chart, int height) =>
        FSharpChart.withSize(null, Some(height)).Invoke(chart);

    /// <summary>
    /// The chart takes the width of its container: autosize on, and no fixed width (Plotly.NET
    /// fills in its default 600 px when a chart is created; plotly.js would fix 700 px).
    /// </summary>
    private static GenericChart FillWidth(GenericChart chart) =>
        GenericChart.mapLayout(FSharpFunc<Layout, Layout>.FromConverter(layout =>
        {
            layout.RemoveProperty("width");
            layout.SetProperty("autosize", true);
            return layout;
        }), chart);

    private static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);
}
