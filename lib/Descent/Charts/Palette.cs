using Plotly.NET;

namespace Descent.Charts;

/// <summary>One colour per optimizer, the same in every chart of every chapter.</summary>
public static class Palette
{
    private static readonly Dictionary<string, string> ByOptimizer = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SGD"] = "#7f7f7f",
        ["GD"] = "#7f7f7f",
        ["SGD+momentum"] = "#1f77b4",
        ["Momentum"] = "#1f77b4",
        ["Nesterov"] = "#9467bd",
        ["AdaGrad"] = "#2ca02c",
        ["RMSProp"] = "#ff7f0e",
        ["Adam"] = "#d62728",
        ["AMSGrad"] = "#e377c2",
        ["AdamW"] = "#8c1c13",
        ["Adamax"] = "#bcbd22",
        ["NAdam"] = "#8c564b",
        ["RAdam"] = "#ff9896",
        ["Adadelta"] = "#17becf",
        ["Lion"] = "#637939",
        ["Muon"] = "#393b79",
    };

    /// <summary>Colours for series that are not optimizers (a sweep over η, several seeds, …), in order.</summary>
    public static IReadOnlyList<string> Series { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    /// <summary>
    /// The hex colour of an optimizer (by its <c>Name</c>; parameter groups such as "Muon + AdamW" take
    /// the first group's), or of the i-th other series.
    /// </summary>
    public static string Hex(string optimizerName, int fallbackIndex = 0)
    {
        if (ByOptimizer.TryGetValue(optimizerName, out var hex)) return hex;
        int plus = optimizerName.IndexOf(" + ", StringComparison.Ordinal);
        if (plus > 0 && ByOptimizer.TryGetValue(optimizerName[..plus], out hex)) return hex;
        return Series[fallbackIndex % Series.Count];
    }

    /// <summary>The optimizers with a colour of their own.</summary>
    internal static IEnumerable<string> Optimizers => ByOptimizer.Keys;

    /// <summary>Whether <paramref name="optimizerName"/> is an optimizer with a colour of its own.</summary>
    internal static bool Knows(string optimizerName) => ByOptimizer.ContainsKey(optimizerName);

    /// <summary>The Plotly colour of an optimizer.</summary>
    public static Color Of(string optimizerName, int fallbackIndex = 0) => Color.fromHex(Hex(optimizerName, fallbackIndex));

    /// <summary>The i-th series colour.</summary>
    public static Color Nth(int index) => Color.fromHex(Series[index % Series.Count]);
}
