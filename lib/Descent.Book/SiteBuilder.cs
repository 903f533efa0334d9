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
        $"book: {Chapters.Count} chapters ({string.Join(", ", Chapters.GroupBy(c => c.Edition).Select(g => $"{g.Count()} {SiteBuilder.EditionName(g.Key)}"))}), " +
        $"{Charts} charts, {Formulas} formulas, {Bytes / 1e6:F1} MB, built in {Elapsed.TotalSeconds:F1} s → {IndexPath}";
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

    /// <summary>
    /// Renders the executed notebooks of <paramref name="executedFolder"/> into <paramref name="siteFolder"/>. With
    /// edition folders (en/, ko/) the English chapters become the site's root pages and each other edition a
    /// folder of its own (ko/), every page linking to the same chapter in the other language; a folder of
    /// notebooks without edition folders is one English edition.
    /// </summary>
    public static BookReport Build(string executedFolder, string siteFolder)
    {
        var clock = Stopwatch.StartNew();
        var math = new MathRenderer();
        var markdown = new MarkdownRenderer(math);
        var code = new CodeHighlighter();
        var editions = new List<(string Code, List<Chapter> Chapters)>();
        if (Directory.Exists(Path.Combine(executedFolder, "en")))
        {
            foreach (var edition in Words.Keys)
            {
                string folder = Path.Combine(executedFolder, edition);
                if (!Directory.Exists(folder)) continue;
                editions.Add((edition, Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)
                    .Select(path => Chapter.From(path, markdown, math, code, edition)).ToList()));
            }
        }
        else
            editions.Add(("en", Directory.GetFiles(executedFolder, "*.ipynb").Order(StringComparer.Ordinal)
                .Select(path => Chapter.From(path, markdown, math, code)).ToList()));

        if (Directory.Exists(siteFolder)) Directory.Delete(siteFolder, recursive: true);
        string assets = Path.Combine(siteFolder, "assets");
        Directory.CreateDirectory(assets);
        var (plotlyName, plotly) = Resources.PlotlyJs();
        File.WriteAllText(Path.Combine(assets, plotlyName), plotly);
        File.WriteAllText(Path.Combine(assets, "book.css"), Resources.Text("book.css"));
        File.WriteAllText(Path.Combine(assets, "book.js"), Resources.Text("book.js"));
        File.WriteAllText(Path.Combine(assets, "slides.js"), Resources.Text("slides.js"));

        foreach (var (edition, chapters) in editions)
        {
            var other = editions.FirstOrDefault(e => e.Code != edition);
            var words = Words[edition];
            string folder = edition == "en" ? siteFolder : Path.Combine(siteFolder, edition);
            string assetsPath = edition == "en" ? "assets/" : "../assets/";
            Directory.CreateDirectory(folder);
            for (int i = 0; i < chapters.Count; i++)
            {
                var previous = i > 0 ? chapters[i - 1] : null;
                var next = i + 1 < chapters.Count ? chapters[i + 1] : null;
                var translation = other.Chapters?.FirstOrDefault(c => c.NotebookFile == chapters[i].NotebookFile);
                File.WriteAllText(Path.Combine(folder, chapters[i].PageFile),
                    ChapterPage(chapters[i], previous, next, plotlyName, words, assetsPath, translation));
            }
            File.WriteAllText(Path.Combine(folder, "index.html"), IndexPage(chapters, words, assetsPath, other.Code));
            // The pages the PDFs are printed from (PdfPrinter): one per chapter and the whole book.
            string print = Path.Combine(folder, PrintFolder);
            Directory.CreateDirectory(print);
            foreach (var c in chapters)
                File.WriteAllText(Path.Combine(print, c.PageFile), PrintPage($"{c.Number} · {c.Title}", [c], plotlyName, words, "../" + assetsPath));
            File.WriteAllText(Path.Combine(print, WholeBookPage), PrintPage(words.Title, chapters, plotlyName, words, "../" + assetsPath));
        }
        clock.Stop();
        string index = Path.Combine(siteFolder, "index.html");
        long bytes = Directory.GetFiles(siteFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new BookReport(index, editions.SelectMany(e => e.Chapters).ToList(), bytes, clock.Elapsed);
    }

    /// <summary>"English" or "Korean", for reports.</summary>
    public static string EditionName(string edition) => edition switch { "en" => "English", "ko" => "Korean", _ => edition };

    /// <summary>The words of the book's own pages (not the chapters' text) in each edition.</summary>
    private sealed record BookWords(string Lang, string Title, string Intro, string Contents, string RunThis, string Open,
        string MinRead, string Charts, string Notebook, string OtherEdition, string OtherEditionLabel);

    private static readonly Dictionary<string, BookWords> Words = new()
    {
        ["en"] = new("en", BookTitle, Intro, "Contents", "Run this yourself",
            "open it in VS Code with the <b>.NET (C#)</b> kernel, or run <code>dotnet run --project lib/Descent.Runner</code>.",
            "{0} min read", "{0} chart{1}", "notebook", "한국어", "이 장의 한국어판"),
        ["ko"] = new("ko", "옵티마이저는 어떻게 동작하는가",
            "신경망을 학습시키는 옵티마이저(경사 하강법, 모멘텀, AdaGrad, RMSProp, Adam)에 관한 강의 노트다. 이 페이지의 " +
            "숫자와 차트는 모두 C# 노트북을 실행해서 얻은 것이다. 본문의 주장마다 그것을 확인하는 셀이 있고, 그 출력(✔)을 " +
            "바로 아래에서 볼 수 있다.",
            "차례", "직접 실행해 보기",
            "VS Code에서 <b>.NET (C#)</b> 커널로 열거나 <code>dotnet run --project lib/Descent.Runner</code>를 실행한다.",
            "읽는 데 {0}분", "차트 {0}개", "노트북", "English", "This chapter in English"),
    };

    /// <summary>The folder (inside the site) of the pages the PDFs are printed from.</summary>
    public const string PrintFolder = "print";

    /// <summary>The print page of the whole book, in <see cref="PrintFolder"/>.</summary>
    public const string WholeBookPage = "book.html";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>
    /// A page to print: no header, contents list or pager; a table of contents with links; a chapter starts on
    /// a new page. With several chapters the ids of each are prefixed (c01-…), so every link stays unique.
    /// </summary>
    private static string PrintPage(string title, IReadOnlyList<Chapter> chapters, string plotlyName, BookWords words, string assets)
    {
        bool book = chapters.Count > 1;
        string Prefix(Chapter c) => book ? $"c{c.Number}-" : "";
        var toc = new StringBuilder($"<nav class=\"print-toc\" aria-label=\"{words.Contents}\"><h2>{words.Contents}</h2><ol>");
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
            ? $"<section class=\"print-cover\"><h1>{E(words.Title)}</h1><p>{E(words.Intro)}</p>{toc}</section>"
            : $"<section class=\"print-cover\"><p class=\"source\">{E(words.Title)} · {E(title)} · {words.Notebook} <code>{E(chapters[0].NotebookPath)}</code></p>{toc}</section>";
        return Head(title, assets, plotlyName, words.Lang) + $"""
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

    private static string Head(string title, string assets, string? plotlyName, string lang) => $"""
        <!doctype html>
        <html lang="{lang}">
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

    private static string ChapterPage(Chapter c, Chapter? previous, Chapter? next, string plotlyName, BookWords words, string assets,
        Chapter? translation)
    {
        var toc = new StringBuilder();
        foreach (var h in c.Headings.Where(h => h.Level == 2))
            toc.Append($"<li><a href=\"#{E(h.Id)}\">{E(h.Text)}</a></li>");
        string Link(Chapter? other, string rel, string arrowBefore, string arrowAfter) => other is null ? "<span></span>" :
            $"<a rel=\"{rel}\" href=\"{E(other.PageFile)}\">{arrowBefore}{E(other.Number)} · {E(other.Title)}{arrowAfter}</a>";
        string switchLink = translation is null ? "" : LanguageSwitch(c.Edition, translation.Edition, translation.PageFile, words);
        return Head($"{c.Number} · {c.Title} — {words.Title}", assets, plotlyName, words.Lang) + $"""
            <body>
            <header class="site"><a href="index.html">{E(words.Title)}</a><span class="crumb">{E(c.Number)} · {E(c.Title)}</span>{switchLink}</header>
            <div class="layout">
            <nav class="toc" aria-label="{words.Contents}"><details open><summary>{words.Contents}</summary><ol>{toc}</ol></details></nav>
            <main>
            <p class="source">{words.RunThis}: <code>{E(c.NotebookPath)}</code> — {words.Open} {E(string.Format(words.MinRead, c.MinutesToRead))}.</p>
            {c.Body}
            <nav class="pager" aria-label="Chapters">{Link(previous, "prev", "← ", "")}{Link(next, "next", "", " →")}</nav>
            </main>
            </div>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The link to the same page in the other edition (English pages are at the root, the others in a folder of
    /// their own), labelled in the other language and marked with its <c>hreflang</c> and <c>lang</c>.
    /// </summary>
    private static string LanguageSwitch(string from, string to, string page, BookWords words)
    {
        string href = (from, to) switch
        {
            ("en", _) => $"{to}/{page}",
            (_, "en") => $"../{page}",
            _ => $"../{to}/{page}",
        };
        return $"<a class=\"lang-switch\" href=\"{E(href)}\" hreflang=\"{to}\" lang=\"{to}\" title=\"{E(words.OtherEditionLabel)}\">{E(words.OtherEdition)}</a>";
    }

    private static string IndexPage(IReadOnlyList<Chapter> chapters, BookWords words, string assets, string? otherEdition)
    {
        var items = new StringBuilder();
        foreach (var c in chapters)
            items.Append($"""<li><a href="{E(c.PageFile)}"><span class="num">{E(c.Number)}</span> <span class="title">{E(c.Title)}</span></a><p>{E(c.Summary)}</p><p class="meta">{E(string.Format(words.MinRead, c.MinutesToRead))} · {E(string.Format(words.Charts, c.Charts, c.Charts == 1 ? "" : "s"))} · {words.Notebook} <code>{E(c.NotebookFile)}</code></p></li>""");
        string switchLink = otherEdition is null ? "" : LanguageSwitch(words.Lang, otherEdition, "index.html", words);
        return Head(words.Title, assets, null, words.Lang) + $"""
            <body>
            <header class="site"><a href="index.html">{E(words.Title)}</a>{switchLink}</header>
            <main class="index">
            <h1>{E(words.Title)}</h1>
            <p>{E(words.Intro)}</p>
            <ol class="chapters">{items}</ol>
            </main>
            </body>
            </html>
            """;
    }
}
