using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Charts;
using Descent.Landscapes;
using Descent.Optimizers;
using Plotly.NET;

namespace Descent.Tests.Charts;

public class ExploreTests
{
    private static (JsonArray Data, JsonObject Layout) Spec(GenericChart chart)
    {
        string html = GenericChart.toChartHTML(chart);
        var match = Regex.Match(html, @"var data = (?<data>[^\n]*);\s*var layout = (?<layout>[^\n]*);");
        return (JsonNode.Parse(match.Groups["data"].Value)!.AsArray(), JsonNode.Parse(match.Groups["layout"].Value)!.AsObject());
    }

    private static readonly double[] Rates = [0.1, 0.5, 0.95, 1.05];

    private static GenericChart PathsAt(double eta) =>
        Plot.Contour(Landscape.Bowl, $"SGD η = {eta}", Descend.Run(new Sgd(eta), Landscape.Bowl, steps: 30));

    [Fact]
    public void The_slider_shows_one_values_runs_and_the_shared_contours_always()
    {
        var (data, layout) = Spec(Plot.Explore("η", Rates, PathsAt, start: 0.9));
        var traces = data.OfType<JsonObject>().ToList();
        // The bowl's contours and its minimum are drawn by every value alike: kept once.
        Assert.Single(traces, t => (string?)t["type"] == "contour");
        Assert.Single(traces, t => (string?)t["name"] == "minimum");
        var slider = layout["sliders"]![0]!;
        var steps = slider["steps"]!.AsArray();
        Assert.Equal(["0.1", "0.5", "0.95", "1.05"], steps.Select(s => (string)s!["label"]!));
        Assert.Equal(2, (int)slider["active"]!); // 0.9 → the nearest value offered, 0.95
        Assert.Equal("η = ", (string)slider["currentvalue"]!["prefix"]!);
        for (int v = 0; v < Rates.Length; v++)
        {
            var visible = steps[v]!["args"]![0]!["visible"]!.AsArray().Select(b => (bool)b!).ToArray();
            Assert.Equal(traces.Count, visible.Length);
            // Shown at this step: the shared traces and the runs of this value, nothing of the others.
            var shown = traces.Where((t, i) => visible[i] && (string?)t["type"] != "contour" && (string?)t["name"] != "minimum")
                .Select(t => (string)t["name"]!).Where(n => n.StartsWith("SGD", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Equal([$"SGD η={Rates[v]}"], shown.Where(n => !n.Contains("diverged")).ToList());
            Assert.Equal($"SGD η = {Rates[v]}", (string)steps[v]!["args"]![1]!["title.text"]!);
        }
        // At first the traces shown are those of the active step.
        var initially = traces.Select(t => (bool?)t["visible"] ?? true).ToArray();
        Assert.Equal(steps[2]!["args"]![0]!["visible"]!.AsArray().Select(b => (bool)b!), initially);
        Assert.Equal("SGD η = 0.95", (string)layout["title"]!["text"]!);
    }

    [Fact]
    public void Lines_are_thinned_and_axes_keep_one_range_over_all_values()
    {
        var (data, layout) = Spec(Plot.Explore("η", [0.01, 0.1, 0.5],
            eta => Plot.Losses($"η = {eta}", Descend.Run(new Sgd(eta), Landscape.Bowl, steps: 2000))));
        Assert.All(data.OfType<JsonObject>(), t => Assert.True(t["x"]!.AsArray().Count <= Plot.MaxPointsExplored));
        Assert.Contains(data.OfType<JsonObject>(), t => t["x"]!.AsArray().Count > 200);
        var yRange = layout["yaxis"]!["range"]!.AsArray().Select(v => (double)v!).ToArray();
        double smallest = data.OfType<JsonObject>().SelectMany(t => t["y"]!.AsArray().Select(v => (double)v!)).Where(v => v > 0).Min();
        Assert.True(yRange[0] <= Math.Log10(smallest), $"log range starts at 10^{yRange[0]}, below the smallest gap {smallest}");
        Assert.Equal(Plot.Height + Plot.SliderHeight, (int)layout["height"]!);
    }

    [Fact]
    public void Numbers_are_kept_to_four_significant_digits()
    {
        Assert.Equal(0.1235, Plot.Significant(0.123456));
        Assert.Equal(-1.235e-20, Plot.Significant(-1.23456e-20));
        Assert.Equal(double.PositiveInfinity, Plot.Significant(double.PositiveInfinity));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter_and_the_range()
    {
        var one = Assert.Throws<ArgumentException>(() => Plot.Explore("η", [0.1], PathsAt));
        Assert.Contains("[2, 40]", one.Message);
        Assert.Throws<ArgumentException>(() => Plot.Explore("η", Enumerable.Range(1, 41).Select(i => i * 0.01), PathsAt));
        Assert.Throws<ArgumentException>(() => Plot.Explore("η", [0.1, double.NaN], PathsAt));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Explore("η", Rates, PathsAt, start: double.NaN));
        Assert.Throws<ArgumentNullException>(() => Plot.Explore("η", Rates, null!));
        Assert.Throws<ArgumentException>(() => Plot.Explore("η", Rates, _ => null!));
    }
}
