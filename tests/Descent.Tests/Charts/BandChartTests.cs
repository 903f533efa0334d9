using Descent.Charts;
using Descent.Numerics;
using Plotly.NET;

namespace Descent.Tests.Charts;

public class BandChartTests
{
    private static string Rgba(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)}, 1.0)";

    [Fact]
    public void Bands_draw_median_and_quantiles_in_the_optimizers_colour()
    {
        double[][] runs = [[3, 2, 1], [5, 4, 3], [4, 3, 2]];
        var band = Band.Across(runs);
        string html = GenericChart.toChartHTML(Plot.Bands("seeds", "loss", [("Adam", band)], logY: true));
        Assert.Contains("\"name\":\"Adam median\"", html);
        Assert.Contains("\"name\":\"Adam 0.25 quantile\"", html);
        Assert.Contains("\"name\":\"Adam 0.75 quantile\"", html);
        Assert.Contains("\"y\":[4.0,3.0,2.0]", html); // the median per step of the three runs
        Assert.Contains(Rgba(Plot.ColorOf("Adam")), html);
        Assert.Contains("\"type\":\"log\"", html);
    }
}
