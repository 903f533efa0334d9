using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Charts;
using Descent.Landscapes;
using Descent.Optimizers;
using Plotly.NET;

namespace Descent.Tests.Charts;

public class GridAndColourTests
{
    private static (JsonArray Data, JsonObject Layout) Spec(GenericChart chart)
    {
        string html = GenericChart.toChartHTML(chart);
        var match = Regex.Match(html, @"var data = (?<data>[^\n]*);\s*var layout = (?<layout>[^\n]*);");
        return (JsonNode.Parse(match.Groups["data"].Value)!.AsArray(), JsonNode.Parse(match.Groups["layout"].Value)!.AsObject());
    }

    private static List<string> Listed(JsonArray data) =>
        data.OfType<JsonObject>().Where(t => (bool?)t["showlegend"] != false).Select(t => (string)t["name"]!).ToList();

    private static string Rgba(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)}, 1.0)";

    [Fact]
    public void Every_run_of_every_panel_is_in_the_legend_once()
    {
        var sgd = Descend.Run(new Sgd(0.95), Landscape.Bowl, 20);
        var momentum = Descend.Run(new Momentum(0.1), Landscape.Bowl, 20);
        var adam = Descend.Run(new Adam(0.3), Landscape.Bowl, 20);
        // Different runs in each panel (chapter 03's three contours) and the same runs in two panels (paths + loss gap).
        var (data, _) = Spec(Plot.Grid(3, ["SGD", "Momentum", "Adam"],
            Plot.Contour(Landscape.Bowl, sgd), Plot.Contour(Landscape.Bowl, momentum), Plot.Contour(Landscape.Bowl, adam)));
        Assert.Equal([sgd.Label, momentum.Label, adam.Label], Listed(data));

        var (both, _) = Spec(Plot.Grid(2, Plot.Contour(Landscape.Bowl, sgd, adam), Plot.Losses(sgd, adam)));
        Assert.Equal([sgd.Label, adam.Label], Listed(both));
        // The second panel's copy of a run joins the first's legend group: one click hides it in both panels.
        var groups = both.OfType<JsonObject>().Where(t => (string?)t["name"] == sgd.Label).Select(t => (string?)t["legendgroup"]).ToList();
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(sgd.Label, g));
    }

    [Fact]
    public void A_grid_tells_the_book_how_its_panels_are_laid_out()
    {
        var run = Descend.Run(new Sgd(0.1), Landscape.Bowl, 10);
        var (_, layout) = Spec(Plot.Grid(2, ["a", "b", "c"], Plot.Losses(run), Plot.Losses(run), Plot.Losses(run)));
        var grid = layout["meta"]!["descentGrid"]!;
        Assert.Equal(3, (int)grid["panels"]!);
        Assert.Equal(2, (int)grid["columns"]!);
        Assert.True((bool)grid["titled"]!);
        Assert.Throws<ArgumentException>(() => Plot.Grid(2, ["only one title"], Plot.Losses(run), Plot.Losses(run)));
    }

    [Fact]
    public void Lines_take_the_colour_of_the_optimizer_their_name_starts_with()
    {
        double[] y = [1, 2, 3];
        var colors = Plot.HexColorsFor([
            Series.OverSteps("AdaGrad η=0.5", y), Series.OverSteps("SGD η=0.5", y),
            Series.OverSteps("AMSGrad β₂ = 0.9", y), Series.OverSteps("RMSProp ρ = 0.99: ρᵏ", y),
            Series.OverSteps("Adam (sum)", y)]);
        Assert.Equal([Plot.ColorOf("AdaGrad"), Plot.ColorOf("SGD"), Plot.ColorOf("AMSGrad"), Plot.ColorOf("RMSProp"), Plot.ColorOf("Adam")], colors);
        // And the chart draws them so.
        string html = GenericChart.toChartHTML(Plot.Lines("t", "x", "y", [Series.OverSteps("Adam β₂ = 0.9", y)]));
        Assert.Contains(Rgba(Plot.ColorOf("Adam")), html);
    }

    [Fact]
    public void An_explicit_optimizer_or_colour_wins_and_other_lines_get_unused_series_colours()
    {
        double[] y = [1, 2];
        var colors = Plot.HexColorsFor([
            new Series("smoothed loss", y, y) { Optimizer = "SGD" }, new Series("mine", y, y, Color: "#123456"),
            Series.OverSteps("a", y), Series.OverSteps("b", y)]);
        Assert.Equal(Plot.ColorOf("SGD"), colors[0]);
        Assert.Equal("#123456", colors[1]);
        Assert.NotEqual(colors[2], colors[3]);
        Assert.DoesNotContain(colors[2], colors[..2]);
    }

    [Fact]
    public void Two_solid_lines_of_one_optimizer_are_told_apart_but_dashed_companions_keep_its_colour()
    {
        double[] y = [1, 2];
        var twoAdams = Plot.HexColorsFor([Series.OverSteps("Adam η=0.1", y), Series.OverSteps("Adam η=0.01", y)]);
        Assert.NotEqual(twoAdams[0], twoAdams[1]);
        // Chapter 06's bands: a mean and its dashed min and max in the optimizer's colour.
        var bands = Plot.HexColorsFor([
            Series.OverSteps("Adam mean of 5 seeds", y), Series.OverSteps("Adam min", y, dashed: true), Series.OverSteps("Adam max", y, dashed: true),
            Series.OverSteps("SGD mean of 5 seeds", y), Series.OverSteps("SGD min", y, dashed: true)]);
        Assert.Equal([.. Enumerable.Repeat(Plot.ColorOf("Adam"), 3), .. Enumerable.Repeat(Plot.ColorOf("SGD"), 2)], bands);
    }

    [Fact]
    public void ColorOf_knows_the_optimizers_and_names_them_when_asked_for_another()
    {
        Assert.NotEqual(Plot.ColorOf("Adam"), Plot.ColorOf("SGD"));
        Assert.Equal(Plot.ColorOf("RMSProp"), Plot.ColorOf("rmsprop"));
        var error = Assert.Throws<ArgumentException>(() => Plot.ColorOf("Sophia"));
        Assert.Contains("Sophia", error.Message);
        Assert.Contains("AdaGrad", error.Message);
    }
}
