using System.Globalization;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Descent.Charts;

public static partial class Plot
{
    /// <summary>Each line of an explorable (<see cref="Explore"/>) is thinned to at most this many points.</summary>
    public const int MaxPointsExplored = 300;

    /// <summary>An explorable has at least this many values and at most <see cref="MaxExploredValues"/>.</summary>
    public const int MinExploredValues = 2;

    /// <summary>The most values one slider offers: every value's runs are in the page, so it stays light.</summary>
    public const int MaxExploredValues = 40;

    /// <summary>Extra height (px) an explorable takes below its chart for the slider.</summary>
    public const int SliderHeight = 110;

    /// <summary>
    /// An explorable chart: a slider over <paramref name="values"/> of a parameter, and for each value the
    /// chart <paramref name="chartOf"/> draws (any chart of this class, e.g. <c>v => Plot.Losses(…runs at v…)</c>).
    /// Every value's chart is computed now, when the cell runs, and all of their traces go into one figure;
    /// the slider shows one value's traces at a time (and its title), with Plotly's own slider, so it works
    /// wherever the chart is shown (VS Code, Jupyter, the book) without a kernel or any script of ours. Traces
    /// that every value draws alike (a landscape's contours, its minimum) are kept once; lines are thinned
    /// to <see cref="MaxPointsExplored"/> points and numbers rounded to 4 significant digits, to keep pages light.
    /// The axes keep one range over all values (where the charts did not fix one), so the eye can compare.
    /// </summary>
    /// <param name="parameter">The parameter's name on the slider, e.g. "η".</param>
    /// <param name="values">The values the slider offers, in order (2 to <see cref="MaxExploredValues"/>).</param>
    /// <param name="chartOf">The chart for one value (its layout is the first value's, its title each value's own).</param>
    /// <param name="start">The value the slider starts at (the nearest offered); null: the first.</param>
    /// <param name="format">How values are written on the slider (a .NET numeric format).</param>
    public static GenericChart Explore(string parameter, IEnumerable<double> values, Func<double, GenericChart> chartOf,
        double? start = null, string format = "G3")
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(chartOf);
        ArgumentNullException.ThrowIfNull(format);
        var grid = values.ToArray();
        if (grid.Length < MinExploredValues || grid.Length > MaxExploredValues)
            throw new ArgumentException($"values has {grid.Length} values, which is out of range: the valid range is " +
                $"[{MinExploredValues}, {MaxExploredValues}] (each value's runs are stored in the page).", nameof(values));
        if (grid.FirstOrDefault(v => !double.IsFinite(v)) is var bad && !double.IsFinite(bad))
            throw new ArgumentException($"values contains {bad}, which is out of range: the valid range is finite numbers.", nameof(values));
        if (start is { } s && !double.IsFinite(s))
            throw new ArgumentOutOfRangeException(nameof(start), s, $"start = {s} is out of range: the valid range is finite numbers.");
        int active = start is { } at ? Array.IndexOf(grid, grid.MinBy(v => Math.Abs(v - at))) : 0;

        var charts = grid.Select(chartOf).ToArray();
        if (charts.Any(c => c is null)) throw new ArgumentException("chartOf returned null.", nameof(chartOf));
        var perValue = charts.Select(c => GenericChart.getTraces(c).Select(Lighten).ToList()).ToArray();
        string Key(Trace t) => GenericChart.toJson(GenericChart.ofTraceObject(false, t));
        var keys = perValue.Select(traces => traces.Select(Key).ToList()).ToArray();
        // Traces every value draws identically (contours, minima) are kept once and always shown.
        var shared = new HashSet<string>(keys[0]);
        foreach (var k in keys.Skip(1)) shared.IntersectWith(k);

        var traces = new List<Trace>();
        var owner = new List<int>(); // the value a trace belongs to; -1: shared
        for (int i = 0; i < perValue[0].Count; i++)
            if (shared.Contains(keys[0][i])) { traces.Add(perValue[0][i]); owner.Add(-1); }
        for (int v = 0; v < grid.Length; v++)
            for (int i = 0; i < perValue[v].Count; i++)
                if (!shared.Contains(keys[v][i])) { traces.Add(perValue[v][i]); owner.Add(v); }
        for (int i = 0; i < traces.Count; i++)
            traces[i].SetProperty("visible", owner[i] < 0 || owner[i] == active);

        var titles = charts.Select(TitleOf).ToArray();
        var steps = grid.Select((value, v) => (object)new Dictionary<string, object>
        {
            ["label"] = value.ToString(format, CultureInfo.InvariantCulture),
            ["method"] = "update",
            ["args"] = new object[]
            {
                new Dictionary<string, object> { ["visible"] = owner.Select(o => o < 0 || o == v).ToArray() },
                new Dictionary<string, object> { ["title.text"] = titles[v] ?? "" },
            },
        }).ToArray();

        var first = charts[0];
        var combined = GenericChart.NewMultiChart(ListModule.OfSeq(traces), GenericChart.getLayout(first),
            GenericChart.getConfig(first), GenericChart.getDisplayOptions(first));
        int height = (GenericChart.tryGetLayoutSize(first).Item2 is { } h ? h.Value : Height) + SliderHeight;
        return GenericChart.mapLayout(FSharpFunc<Layout, Layout>.FromConverter(layout =>
        {
            FixRanges(layout, traces, "x");
            FixRanges(layout, traces, "y");
            if (titles[active] is { } title) layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
            layout.SetProperty("height", height);
            layout.SetProperty("sliders", new object[]
            {
                new Dictionary<string, object>
                {
                    ["active"] = active,
                    ["steps"] = steps,
                    ["currentvalue"] = new Dictionary<string, object> { ["prefix"] = $"{parameter} = ", ["font"] = new Dictionary<string, object> { ["size"] = 14 } },
                    ["x"] = 0.0, ["len"] = 1.0, ["y"] = 0.0, ["yanchor"] = "top",
                    ["pad"] = new Dictionary<string, object> { ["t"] = 90, ["b"] = 10 },
                },
            });
            layout.SetProperty("meta", new Dictionary<string, object>
            {
                ["descentExplore"] = new Dictionary<string, object> { ["parameter"] = parameter, ["values"] = grid.Length },
            });
            return layout;
        }), combined);
    }

    /// <summary>A value's title: the text of its layout's title, if any.</summary>
    private static string? TitleOf(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        var title = layout.TryGetTypedPropertyValue<Title>("title");
        return title is null ? null : title.Value.TryGetTypedPropertyValue<string>("text")?.Value;
    }

    /// <summary>A line with fewer points (<see cref="MaxPointsExplored"/>) and numbers of 4 significant digits.</summary>
    private static Trace Lighten(Trace trace)
    {
        var x = Numbers(trace, "x");
        var y = Numbers(trace, "y");
        if (x is null || y is null || x.Length != y.Length || trace.TryGetTypedPropertyValue<string>("type")?.Value is not ("scatter" or null))
            return trace;
        var keep = x.Length <= MaxPointsExplored ? Enumerable.Range(0, x.Length).ToArray()
            : Enumerable.Range(0, MaxPointsExplored).Select(i => (int)Math.Round(i * (x.Length - 1) / (MaxPointsExplored - 1.0))).Distinct().ToArray();
        trace.SetProperty("x", keep.Select(i => Significant(x[i])).ToArray());
        trace.SetProperty("y", keep.Select(i => Significant(y[i])).ToArray());
        return trace;
    }

    private static double[]? Numbers(Trace trace, string key)
    {
        if (trace.TryGetPropertyValue(key) is not { } value || value.Value is not System.Collections.IEnumerable items || value.Value is string) return null;
        var numbers = new List<double>();
        foreach (var item in items)
        {
            if (item is not IConvertible c) return null;
            numbers.Add(c.ToDouble(CultureInfo.InvariantCulture));
        }
        return numbers.ToArray();
    }

    /// <summary>4 significant digits (NaN and ±∞ kept).</summary>
    internal static double Significant(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    /// <summary>
    /// One range for an axis over every value's traces, unless the chart fixed one: the slider then moves
    /// the lines, not the axes. A log axis gets its range in powers of ten, over the positive values.
    /// </summary>
    private static void FixRanges(Layout layout, List<Trace> traces, string letter)
    {
        string axisKey = letter + "axis";
        if (layout.TryGetPropertyValue(axisKey) is not { } found || found.Value is not Plotly.NET.LayoutObjects.LinearAxis axis) return;
        if (axis.TryGetPropertyValue("range") is not null) return;
        bool log = axis.TryGetPropertyValue("type") is { } type && type.Value.ToString()!.Contains("Log", StringComparison.OrdinalIgnoreCase);
        var all = traces.Where(t => t.TryGetTypedPropertyValue<string>("type")?.Value is "scatter" or null)
            .Select(t => Numbers(t, letter)).OfType<double[]>().SelectMany(v => v)
            .Where(v => double.IsFinite(v) && (!log || v > 0)).Select(v => log ? Math.Log10(v) : v).ToList();
        if (all.Count == 0) return;
        double lo = all.Min(), hi = all.Max(), pad = Math.Max((hi - lo) * 0.04, log ? 0.1 : Math.Max(Math.Abs(hi) * 0.04, 1e-9));
        axis.SetProperty("range", new[] { lo - pad, hi + pad });
        axis.SetProperty("autorange", false);
    }
}
