using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Charts;
using Descent.Landscapes;
using Descent.Optimizers;
using Plotly.NET;

namespace Descent.Tests.Charts;

public class PlotTests
{
    private static string Html(GenericChart chart) => GenericChart.toChartHTML(chart);

    private static JsonObject Layout(GenericChart chart)
    {
        string html = Html(chart);
        int start = html.IndexOf("var layout = ", StringComparison.Ordinal) + "var layout = ".Length;
        return JsonNode.Parse(html[start..html.IndexOf(";\n", start, StringComparison.Ordinal)])!.AsObject();
    }

    private static string Rgba(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)}, 1.0)";

    [Fact]
    public void Contour_draws_the_landscape_the_minima_and_every_run()
    {
        var sgd = Descend.Run(new Sgd(0.95), Landscape.Bowl, 30);
        var momentum = Descend.Run(new Momentum(0.1), Landscape.Bowl, 30);
        string html = Html(Plot.Contour(Landscape.Bowl, sgd, momentum));
        Assert.Contains("\"type\":\"contour\"", html);
        Assert.Contains("\"name\":\"minimum\"", html);
        Assert.Contains("\"name\":\"SGD η=0.95\"", html);
        Assert.Contains("\"name\":\"Momentum η=0.1\"", html);
        // Each optimizer in its own colour from the palette (Plotly writes colours as rgba).
        Assert.Contains(Rgba(Palette.Hex("SGD")), html);
        Assert.Contains(Rgba(Palette.Hex("Momentum")), html);
    }

    [Fact]
    public void Charts_fill_the_width_of_the_page()
    {
        var run = Descend.Run(new Sgd(0.1), Landscape.Bowl, 10);
        foreach (var chart in new[] { Plot.Contour(Landscape.Bowl, run), Plot.Losses(run), Plot.Grid(2, Plot.Losses(run), Plot.Losses(run)) })
        {
            var layout = Layout(chart);
            Assert.False(layout.ContainsKey("width"), "a fixed width would stop the chart from resizing");
            Assert.True((bool?)layout["autosize"]);
            Assert.InRange((int?)layout["height"] ?? 0, 300, 2000);
        }
    }

    [Fact]
    public void Runs_of_one_optimizer_get_different_colours_and_different_optimizers_their_own()
    {
        var slow = Descend.Run(new Sgd(0.1), Landscape.Bowl, 10);
        var fast = Descend.Run(new Sgd(0.9), Landscape.Bowl, 10);
        var adam = Descend.Run(new Adam(0.1), Landscape.Bowl, 10);
        var same = Plot.HexColorsFor([slow, fast]);
        Assert.NotEqual(same[0], same[1]);
        var mixed = Plot.HexColorsFor([slow, adam]);
        Assert.Equal([Palette.Hex("SGD"), Palette.Hex("Adam")], mixed);
    }

    [Fact]
    public void A_diverged_run_is_marked_where_it_blew_up()
    {
        var exploded = Descend.Run(new Sgd(1.2), Landscape.Bowl, 5000);
        string html = Html(Plot.Losses(exploded));
        Assert.Contains($"diverged at step {exploded.DivergedAtStep}", html);
        Assert.Contains("\"type\":\"log\"", html);
    }

    [Fact]
    public void Long_trajectories_are_thinned_for_display_keeping_both_ends()
    {
        int[] all = Enumerable.Range(0, 100_000).ToArray();
        int[] shown = Plot.Thin(all);
        Assert.InRange(shown.Length, 2, Plot.MaxPointsShown);
        Assert.Equal(0, shown[0]);
        Assert.Equal(99_999, shown[^1]);
        Assert.Equal(shown.Order(), shown);
        Assert.Equal(all[..10], Plot.Thin(all[..10]));
    }

    [Fact]
    public void Lines_and_grid_keep_their_series_and_titles()
    {
        var chart = Plot.Grid(2, ["left", "right"],
            Plot.Lines("a", "x", "y", [new Series("first", [1.0, 2], [3.0, 4])]),
            Plot.Lines("b", "x", "y", [Series.OverSteps("second", [5.0, 6, 7])], logY: true));
        string html = Html(chart);
        Assert.Contains("\"name\":\"first\"", html);
        Assert.Contains("\"name\":\"second\"", html);
        Assert.Contains("\"text\":\"left\"", html);
        Assert.Contains("\"text\":\"right\"", html);
        Assert.Equal(2, Regex.Matches(html, "\"name\":\"second\"").Count + Regex.Matches(html, "\"name\":\"first\"").Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Grid(0, chart));
    }
}
