using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Book;

/// <summary>One executed notebook turned into the body of a page.</summary>
public sealed partial class Chapter
{
    private Chapter(string notebookFile, string number, string title, string summary, int minutes, string body,
        IReadOnlyList<Heading> headings, int charts, int formulas, int solutions)
    {
        Solutions = solutions;
        NotebookFile = notebookFile;
        Number = number;
        Title = title;
        Summary = summary;
        MinutesToRead = minutes;
        Body = body;
        Headings = headings;
        Charts = charts;
        Formulas = formulas;
    }

    /// <summary>The notebook's file name, e.g. 01-gradient-descent.ipynb.</summary>
    public string NotebookFile { get; }

    /// <summary>The edition the chapter belongs to: "en" (its page at the site's root) or "ko" (under ko/).</summary>
    public string Edition { get; private init; } = "en";

    /// <summary>The notebook in the repository, e.g. notebooks/ko/01-gradient-descent.ipynb.</summary>
    public string NotebookPath => $"notebooks/{Edition}/{NotebookFile}";

    /// <summary>The page relative to the site's root: 01-gradient-descent.html, or ko/01-gradient-descent.html.</summary>
    public string SitePath => Edition == "en" ? PageFile : $"{Edition}/{PageFile}";

    /// <summary>The page's file name, e.g. 01-gradient-descent.html.</summary>
    public string PageFile => Path.ChangeExtension(NotebookFile, ".html");

    /// <summary>"01".</summary>
    public string Number { get; }

    /// <summary>The title without its number: "Gradient descent: one learning rate for everything".</summary>
    public string Title { get; }

    /// <summary>One line for the index.</summary>
    public string Summary { get; }

    /// <summary>Reading time: 200 words a minute plus half a minute per code cell.</summary>
    public int MinutesToRead { get; }

    /// <summary>The rendered cells.</summary>
    public string Body { get; }

    /// <summary>The headings, for the table of contents.</summary>
    public IReadOnlyList<Heading> Headings { get; }

    /// <summary>How many Plotly charts the page draws (as many as the notebook's outputs hold).</summary>
    public int Charts { get; }

    /// <summary>How many formulas were typeset.</summary>
    public int Formulas { get; }

    /// <summary>
    /// How many worked solutions the page folds away. A solution is a markdown cell that starts with
    /// <c>&lt;details&gt;&lt;summary&gt;Solution…&lt;/summary&gt;</c> (then a blank line, the solution in markdown,
    /// a blank line, <c>&lt;/details&gt;</c>): collapsed in VS Code and Jupyter, and in the book, where it
    /// always starts closed and carries the class "solution".
    /// </summary>
    public int Solutions { get; }

    /// <summary>Renders an executed notebook.</summary>
    public static Chapter From(string executedNotebook, MarkdownRenderer markdown, MathRenderer math, CodeHighlighter code,
        string edition = "en")
    {
        var root = JsonNode.Parse(File.ReadAllText(executedNotebook))!.AsObject();
        var cells = root["cells"]!.AsArray().OfType<JsonObject>().ToList();
        var outputs = new OutputRenderer();
        var headings = new List<Heading>();
        var body = new StringBuilder();
        int formulasBefore = math.Count, words = 0, codeCells = 0, solutions = 0;
        string title = "", summary = "";

        foreach (var cell in cells)
        {
            string source = Source(cell);
            if ((string?)cell["cell_type"] == "markdown")
            {
                words += source.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
                if (title.Length == 0 && TitleLine().Match(source) is { Success: true } t) title = t.Groups["title"].Value.Trim();
                if (summary.Length == 0 && TipLine().Match(source) is { Success: true } tip) summary = FirstSentence(tip.Groups["text"].Value);
                string html = markdown.ToHtml(source, headings);
                if (SolutionStart().IsMatch(source))
                {
                    // A worked solution: folded in the book as in the notebook, whatever attributes it was written with.
                    html = DetailsTag().Replace(html, "<details class=\"solution\">", 1);
                    solutions++;
                }
                body.Append("<section class=\"md\">").Append(html).Append("</section>\n");
            }
            else if ((string?)cell["cell_type"] == "code")
            {
                codeCells++;
                var shown = new JsonArray((cell["outputs"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(o => !OutputRenderer.IsKernelChatter(o)).Select(o => (JsonNode)o.DeepClone()).ToArray());
                body.Append("<div class=\"cell\"><div class=\"code\">").Append(code.CSharp(source)).Append("</div>");
                if (shown.Count > 0) body.Append("<div class=\"outputs\">").Append(outputs.Render(shown)).Append("</div>");
                body.Append("</div>\n");
            }
        }

        string file = Path.GetFileName(executedNotebook);
        string number = file[..2];
        string shortTitle = Regex.Replace(title, @"^\d\d\s*·\s*", "");
        int minutes = (int)Math.Ceiling(words / 200.0 + codeCells * 0.5);
        return new Chapter(file, number, shortTitle, summary, minutes, body.ToString(), headings, outputs.Charts,
            math.Count - formulasBefore, solutions) { Edition = edition };
    }

    /// <summary>The Plotly charts present in an executed notebook's outputs (what the page must draw).</summary>
    public static int ChartsIn(string executedNotebook) =>
        JsonNode.Parse(File.ReadAllText(executedNotebook))!["cells"]!.AsArray().OfType<JsonObject>()
            .Sum(c => c["outputs"] is JsonArray o ? OutputRenderer.CountCharts(o) : 0);

    private static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    private static string FirstSentence(string text)
    {
        string plain = Regex.Replace(text, @"[*_`]", "").Trim();
        int end = plain.IndexOf(". ", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(end > 0 ? plain[..(end + 1)] : plain);
    }

    [GeneratedRegex(@"^\s*<details\b[^>]*>\s*<summary>\s*(<b>|<strong>|\*\*)?\s*Solution", RegexOptions.IgnoreCase)]
    private static partial Regex SolutionStart();

    [GeneratedRegex(@"<details\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsTag();

    [GeneratedRegex(@"^#\s+(?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    // The aside's label in each edition: "Tip / my thoughts." and "Tip & 내 생각.".
    [GeneratedRegex(@"^>\s*\*\*Tip (?:/ my thoughts|& 내 생각)\.\*\*\s*(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex TipLine();
}
