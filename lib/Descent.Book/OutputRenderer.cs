using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Book;

/// <summary>
/// A code cell's outputs as static HTML. Plotly charts are re-emitted as their JSON spec, drawn by
/// the page's own script with the plotly.js shipped in the site (the kernel's output would load
/// plotly.js and require.js from a CDN). Other HTML is kept without scripts.
/// </summary>
public sealed partial class OutputRenderer
{
    /// <summary>How many charts have been emitted.</summary>
    public int Charts { get; private set; }

    /// <summary>Renders every output of one cell.</summary>
    public string Render(JsonArray outputs)
    {
        var html = new System.Text.StringBuilder();
        foreach (var output in outputs.OfType<JsonObject>())
        {
            switch ((string?)output["output_type"])
            {
                case "stream":
                    html.Append($"<pre class=\"out stream {(string?)output["name"]}\">{Shortened(Text(output["text"]))}</pre>");
                    break;
                case "error":
                    html.Append($"<pre class=\"out error\">{WebUtility.HtmlEncode((string?)output["evalue"] ?? "")}</pre>");
                    break;
                case "display_data" or "execute_result":
                    html.Append(Data(output["data"] as JsonObject));
                    break;
            }
        }
        return html.ToString();
    }

    /// <summary>Whether an output is the kernel's own chatter (package installation, extension loading), left out of the book.</summary>
    public static bool IsKernelChatter(JsonObject output)
    {
        string all = output["data"]?.ToJsonString() ?? "";
        return all.Contains("Installing Packages", StringComparison.Ordinal) || all.Contains("Installed Packages", StringComparison.Ordinal)
               || all.Contains("Loading extensions from", StringComparison.Ordinal);
    }

    /// <summary>Counts the Plotly charts among a cell's outputs (the tests compare it with the rendered page).</summary>
    public static int CountCharts(JsonArray outputs) =>
        outputs.OfType<JsonObject>().Count(o => (string?)o["data"]?["text/html"] is { } h && PlotlyCall().IsMatch(h));

    private string Data(JsonObject? data)
    {
        if (data is null) return "";
        if ((string?)data["text/html"] is { } html)
        {
            var chart = PlotlyCall().Match(html);
            if (chart.Success)
            {
                Charts++;
                string spec = $"{{\"data\":{chart.Groups["data"].Value},\"layout\":{chart.Groups["layout"].Value},\"config\":{chart.Groups["config"].Value}}}";
                // A data block is not executed, so the Content-Security-Policy can forbid inline scripts.
                return $"<figure class=\"chart\"><div class=\"plotly-chart\" id=\"chart-{Charts}\"></div>" +
                       $"<script type=\"application/json\" class=\"plotly-spec\">{spec.Replace("</", "<\\/")}</script></figure>";
            }
            if (html.Length > MaxHtmlChars)
                return $"<pre class=\"out plain\"><span class=\"truncated\">… an HTML output of {html.Length / 1000} kB, " +
                       "too large for the book (see the notebook)</span></pre>";
            return $"<div class=\"out html\">{Scripts().Replace(html, "")}</div>";
        }
        if (Text(data["text/plain"]) is { Length: > 0 } text)
            return $"<pre class=\"out plain\">{Shortened(text)}</pre>";
        return "";
    }

    /// <summary>Text outputs longer than this many lines are cut in the book (the notebook keeps all of it).</summary>
    public const int MaxLines = 200;

    /// <summary>Text outputs longer than this many characters are cut in the book.</summary>
    public const int MaxChars = 20_000;

    /// <summary>An HTML output (a table, …) longer than this is left out of the book with a note.</summary>
    public const int MaxHtmlChars = 500_000;

    /// <summary>
    /// The first <see cref="MaxLines"/> lines of a text output, at most <see cref="MaxChars"/> characters,
    /// and how many lines were left out (0 when all of it is kept). A cut inside a line counts that line as left out.
    /// </summary>
    public static (string Kept, int LinesLeftOut) Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int end = 0, lines = 0;
        while (end < text.Length && lines < MaxLines)
        {
            int newline = text.IndexOf('\n', end);
            int next = newline < 0 ? text.Length : newline + 1;
            if (next > MaxChars) break;
            end = next;
            lines++;
        }
        if (end >= text.Length) return (text, 0);
        if (end == 0) end = MaxChars; // one enormous first line: keep its start
        string rest = text[end..].TrimEnd('\n');
        int left = rest.Length == 0 ? 0 : rest.Count(c => c == '\n') + 1;
        return (text[..end], left);
    }

    /// <summary>A text output HTML-encoded, cut as <see cref="Truncate"/> says, with a note saying how much is left out.</summary>
    private static string Shortened(string text)
    {
        var (kept, left) = Truncate(text);
        string html = WebUtility.HtmlEncode(kept);
        return left == 0 ? html
            : html + $"<span class=\"truncated\">… {left} more line{(left == 1 ? "" : "s")} (see the notebook)</span>";
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    [GeneratedRegex(@"var data = (?<data>[^\n]*);\s*var layout = (?<layout>[^\n]*);\s*var config = (?<config>[^\n]*);")]
    private static partial Regex PlotlyCall();

    [GeneratedRegex(@"<script\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();
}
