using System.Diagnostics;
using System.Net;
using System.Text;

namespace Descent.Book;

/// <summary>What a build produced.</summary>
public sealed record BookReport(string IndexPath, IReadOnlyList<Chapter> Chapters, long Bytes, TimeSpan Elapsed)
{
    /// <summary>Charts drawn over all pages.</summary>
    public int Charts => Chapters.Sum(c => c.Charts);

    /// <summary>Formulas typeset over all pages.</summary>
    public int Formulas => Chapters.Sum(c => c.Formulas);

    /// <summary>One line for the console.</summary>
    public string StatusLine =>
        $"book: {Chapters.Count} chapters, {Charts} charts, {Formulas} formulas, {Bytes / 1e6:F1} MB, built in {Elapsed.TotalSeconds:F1} s → {IndexPath}";
}

/// <summary>
/// Builds the static book: index.html, one page per executed notebook and assets/ (the stylesheet,
/// the page script, plotly.js). Everything is relative, so the folder opens straight from the file
/// system, and every page forbids any request that leaves it (Content-Security-Policy).
/// </summary>
public static partial class SiteBuilder
{
    /// <summary>The policy every page carries: only its own files, no network, no inline scripts.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The book's title.</summary>
    public const string BookTitle = "How optimizers work";

    /// <summary>Renders every *.ipynb of <paramref name="executedFolder"/> (in name order) into <paramref name="siteFolder"/>.</summary>
    public static BookReport Build(string executedFolder, string siteFolder)
    {
        var clock = Stopwatch.StartNew();
        var math = new MathRenderer();
        var markdown = new MarkdownRenderer(math);
        var code = new CodeHighlighter();
        var chapters = Directory.GetFiles(executedFolder, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(path => Chapter.From(path, markdown, math, code)).ToList();

        if (Directory.Exists(siteFolder)) Directory.Delete(siteFolder, recursive: true);
        string assets = Path.Combine(siteFolder, "assets");
        Directory.CreateDirectory(assets);
        var (plotlyName, plotly) = Resources.PlotlyJs();
        File.WriteAllText(Path.Combine(assets, plotlyName), plotly);
        File.WriteAllText(Path.Combine(assets, "book.css"), Resources.Text("book.css"));
        File.WriteAllText(Path.Combine(assets, "book.js"), Resources.Text("book.js"));
        File.WriteAllText(Path.Combine(assets, "slides.js"), Resources.Text("slides.js"));

        for (int i = 0; i < chapters.Count; i++)
        {
            var previous = i > 0 ? chapters[i - 1] : null;
            var next = i + 1 < chapters.Count ? chapters[i + 1] : null;
            File.WriteAllText(Path.Combine(siteFolder, chapters[i].PageFile), ChapterPage(chapters[i], previous, next, plotlyName));
        }
        string index = Path.Combine(siteFolder, "index.html");
        File.WriteAllText(index, IndexPage(chapters));
        // The pages the PDFs are printed from (PdfPrinter): one per chapter and the whole book.
        string print = Path.Combine(siteFolder, PrintFolder);
        Directory.CreateDirectory(print);
        foreach (var c in chapters)
            File.WriteAllText(Path.Combine(print, c.PageFile), PrintPage($"{c.Number} · {c.Title}", [c], plotlyName));
        File.WriteAllText(Path.Combine(print, WholeBookPage), PrintPage(BookTitle, chapters, plotlyName));
        clock.Stop();
        long bytes = Directory.GetFiles(siteFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new BookReport(index, chapters, bytes, clock.Elapsed);
    }

    /// <summary>The folder (inside the site) of the pages the PDFs are printed from.</summary>
    public const string PrintFolder = "print";

    /// <summary>The print page of the whole book, in <see cref="PrintFolder"/>.</summary>
    public const string WholeBookPage = "book.html";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>
    /// A page to print: no header, contents list or pager; a table of contents with links; a chapter starts on
    /// a new page. With several chapters the ids of each are prefixed (c01-…), so every link stays unique.
    /// </summary>
    private static string PrintPage(string title, IReadOnlyList<Chapter> chapters, string plotlyName)
    {
        bool book = chapters.Count > 1;
        string Prefix(Chapter c) => book ? $"c{c.Number}-" : "";
        var toc = new StringBuilder("<nav class=\"print-toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>");
        foreach (var c in chapters)
        {
            if (book) toc.Append($"<li><a href=\"#c{E(c.Number)}\">{E(c.Number)} · {E(c.Title)}</a><ol>");
            foreach (var h in c.Headings.Where(h => h.Level == 2))
                toc.Append($"<li><a href=\"#{Prefix(c)}{E(h.Id)}\">{E(h.Text)}</a></li>");
            if (book) toc.Append("</ol></li>");
        }
        toc.Append("</ol></nav>");
        var body = new StringBuilder();
        foreach (var c in chapters)
        {
            string html = book ? LocalIds().Replace(c.Body, m => $"{m.Groups[1].Value}{Prefix(c)}") : c.Body;
            body.Append(book ? $"<section class=\"print-chapter\" id=\"c{E(c.Number)}\">" : "<section>").Append(html).Append("</section>\n");
        }
        string cover = book
            ? $"<section class=\"print-cover\"><h1>{E(BookTitle)}</h1><p>{E(Intro)}</p>{toc}</section>"
            : $"<section class=\"print-cover\"><p class=\"source\">{E(BookTitle)} · {E(title)} · notebook <code>notebooks/{E(chapters[0].NotebookFile)}</code></p>{toc}</section>";
        return Head(title, "../assets/", plotlyName) + $"""
            <body class="print">
            <main>
            {cover}
            {body}
            </main>
            </body>
            </html>
            """;
    }

    [System.Text.RegularExpressions.GeneratedRegex("((?:\\bid=\"|\\bhref=\"#))")]
    private static partial System.Text.RegularExpressions.Regex LocalIds();

    private const string Intro = "Lecture notes on the optimizers that train neural networks (gradient descent, momentum, AdaGrad, RMSProp, Adam), rendered from C# notebooks that were executed to produce every number and chart on these pages. Each claim in the text is checked by a cell whose output (✔) you can see under it.";

    private static string Head(string title, string? plotlyName) => Head(title, "assets/", plotlyName);

    private static string Head(string title, string assets, string? plotlyName) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">
        <meta name="color-scheme" content="light dark">
        <title>{E(title)}</title>
        <link rel="stylesheet" href="{assets}book.css">
        {(plotlyName is null ? "" : $"<script src=\"{assets}{plotlyName}\" defer></script>\n<script src=\"{assets}slides.js\" defer></script>\n<script src=\"{assets}book.js\" defer></script>")}
        </head>
        """;

    private static string ChapterPage(Chapter c, Chapter? previous, Chapter? next, string plotlyName)
    {
        var toc = new StringBuilder();
        foreach (var h in c.Headings.Where(h => h.Level == 2))
            toc.Append($"<li><a href=\"#{E(h.Id)}\">{E(h.Text)}</a></li>");
        string Link(Chapter? other, string rel, string arrowBefore, string arrowAfter) => other is null ? "<span></span>" :
            $"<a rel=\"{rel}\" href=\"{E(other.PageFile)}\">{arrowBefore}{E(other.Number)} · {E(other.Title)}{arrowAfter}</a>";
        return Head($"{c.Number} · {c.Title} — {BookTitle}", plotlyName) + $"""
            <body>
            <header class="site"><a href="index.html">{BookTitle}</a><span class="crumb">{E(c.Number)} · {E(c.Title)}</span></header>
            <div class="layout">
            <nav class="toc" aria-label="Contents"><details open><summary>Contents</summary><ol>{toc}</ol></details></nav>
            <main>
            <p class="source">Run this yourself: <code>notebooks/{E(c.NotebookFile)}</code> — open it in VS Code with the <b>.NET (C#)</b> kernel, or run <code>dotnet run --project lib/Descent.Runner</code>. {c.MinutesToRead} min read.</p>
            {c.Body}
            <nav class="pager" aria-label="Chapters">{Link(previous, "prev", "← ", "")}{Link(next, "next", "", " →")}</nav>
            </main>
            </div>
            </body>
            </html>
            """;
    }

    private static string IndexPage(IReadOnlyList<Chapter> chapters)
    {
        var items = new StringBuilder();
        foreach (var c in chapters)
            items.Append($"""<li><a href="{E(c.PageFile)}"><span class="num">{E(c.Number)}</span> <span class="title">{E(c.Title)}</span></a><p>{E(c.Summary)}</p><p class="meta">{c.MinutesToRead} min read · {c.Charts} chart{(c.Charts == 1 ? "" : "s")} · notebook <code>{E(c.NotebookFile)}</code></p></li>""");
        return Head(BookTitle, null) + $"""
            <body>
            <header class="site"><a href="index.html">{BookTitle}</a></header>
            <main class="index">
            <h1>{BookTitle}</h1>
            <p>{E(Intro)}</p>
            <ol class="chapters">{items}</ol>
            </main>
            </body>
            </html>
            """;
    }
}
