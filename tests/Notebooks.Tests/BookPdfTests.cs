using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Book;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Actions;
using UglyToad.PdfPig.Annotations;

namespace Notebooks.Tests;

/// <summary>
/// The PDFs printed from the book by headless Chromium (PdfPrinter), read with PdfPig: one per chapter and
/// the whole book, pages the size of an 11-inch tablet's screen, a sensible number of pages, text that can
/// be extracted, every chart present (its title as vector text, not a picture), no chart cut by a page break,
/// and a table of contents whose links lead into the document.
/// </summary>
[Collection("kernel")]
public partial class BookPdfTests(RepositoryFixture repository)
{
    // Chromium's fonts print "fi", "fl" and "ff" as ligature glyphs (ﬁ, ﬂ, ﬀ), which PDF text extraction returns
    // as those single characters: compatibility normalization (NFKC) turns them back into letters.
    private static string Squeeze(string text) =>
        Whitespace().Replace(text.Normalize(System.Text.NormalizationForm.FormKC), "");

    /// <summary>The folder of an edition's PDFs: pdf/ for the English edition, ko/pdf/ for the Korean.</summary>
    private static string PdfFolder(BookSite site, string edition) =>
        edition == "en" ? Path.Combine(site.Folder, PdfPrinter.PdfFolder) : Path.Combine(site.Folder, edition, PdfPrinter.PdfFolder);

    private static string PdfOf(BookSite site, Chapter chapter) =>
        Path.Combine(PdfFolder(site, chapter.Edition), Path.ChangeExtension(chapter.PageFile, ".pdf"));

    private static IEnumerable<string> Editions(BookSite site) => site.Report.Chapters.Select(c => c.Edition).Distinct();

    /// <summary>Each chart of an executed notebook: its title and its x axis's title (blank when it has none).</summary>
    private List<(string Title, string XTitle)> ChartsOf(string notebook)
    {
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(repository.OutputFolder, notebook)))!["cells"]!.AsArray();
        var charts = new List<(string, string)>();
        foreach (var html in cells.OfType<JsonObject>().SelectMany(c => c["outputs"] as JsonArray ?? [])
                     .Select(o => (string?)o?["data"]?["text/html"]).OfType<string>())
        {
            var m = LayoutLine().Match(html);
            if (!m.Success) continue;
            var layout = JsonNode.Parse(m.Groups[1].Value)!;
            charts.Add(((string?)layout["title"]?["text"] ?? "", (string?)layout["xaxis"]?["title"]?["text"] ?? ""));
        }
        return charts;
    }

    [BrowserFact]
    public async Task Every_chapter_and_the_whole_book_are_printed_at_tablet_size()
    {
        var pdf = await repository.PdfAsync();
        var site = await repository.BookAsync();
        Assert.Null(pdf.SkippedBecause);
        var expected = site.Report.Chapters.Select(c => PdfOf(site, c))
            .Concat(Editions(site).Select(e => Path.Combine(PdfFolder(site, e), PdfPrinter.WholeBookFile))).Order();
        Assert.Equal(expected, pdf.Files.Order());
        var chapterPages = new Dictionary<string, int>();
        foreach (var chapter in site.Report.Chapters)
        {
            using var doc = PdfDocument.Open(PdfOf(site, chapter));
            // Sensible: at least a page per 400 words of the chapter, and not absurdly many more than its content needs.
            int words = doc.GetPages().Sum(p => p.GetWords().Count());
            Assert.InRange(doc.NumberOfPages, 2, 40 + chapter.MinutesToRead * 3);
            Assert.True(words / doc.NumberOfPages is > 60 and < 700, $"{chapter.SitePath}: {words} words on {doc.NumberOfPages} pages");
            chapterPages[chapter.Edition] = chapterPages.GetValueOrDefault(chapter.Edition) + doc.NumberOfPages;
            foreach (var page in doc.GetPages())
            {
                // 160 × 229 mm (an 11-inch iPad's screen), in points.
                Assert.InRange(page.Width, 160 / 25.4 * 72 - 3, 160 / 25.4 * 72 + 3);
                Assert.InRange(page.Height, 229 / 25.4 * 72 - 3, 229 / 25.4 * 72 + 3);
            }
        }
        foreach (var edition in Editions(site))
        {
            using var book = PdfDocument.Open(Path.Combine(PdfFolder(site, edition), PdfPrinter.WholeBookFile));
            // The whole book holds every chapter: each starts on a new page, plus a cover and its contents.
            int chapters = site.Report.Chapters.Count(c => c.Edition == edition);
            Assert.InRange(book.NumberOfPages, chapterPages[edition] - 2 * chapters, chapterPages[edition] + 10);
        }
    }

    [BrowserFact]
    public async Task The_text_can_be_extracted_and_every_chart_is_there_as_vector_text_uncut()
    {
        await repository.PdfAsync();
        var site = await repository.BookAsync();
        var problems = new List<string>();
        foreach (var chapter in site.Report.Chapters)
        {
            using var doc = PdfDocument.Open(PdfOf(site, chapter));
            var pages = doc.GetPages().Select(p => Squeeze(p.Text)).ToList();
            string all = string.Concat(pages);
            if (!all.Contains(Squeeze(chapter.Title), StringComparison.Ordinal)) problems.Add($"{chapter.SitePath}: the title is not in the text");
            foreach (var h in chapter.Headings.Where(h => h.Level == 2))
                if (!all.Contains(Squeeze(h.Text), StringComparison.Ordinal)) problems.Add($"{chapter.SitePath}: heading \"{h.Text}\" is not in the text");
            var charts = ChartsOf($"{chapter.Edition}/{chapter.NotebookFile}");
            Assert.Equal(chapter.Charts, charts.Count);
            foreach (var (title, xTitle) in charts.Where(c => c.Title.Trim().Length > 0))
            {
                // The chart's title is drawn text (SVG printed as vectors), on a page that also holds its x axis's title.
                // The code above each chart holds the title too, so the chart's page is the last one with it.
                string t = Squeeze(title);
                int at = pages.FindLastIndex(p => p.Contains(t, StringComparison.Ordinal));
                if (at < 0) { problems.Add($"{chapter.SitePath}: chart \"{title}\" is not in the PDF"); continue; }
                if (xTitle.Length > 0 && !pages[at].Contains(Squeeze(xTitle), StringComparison.Ordinal))
                    problems.Add($"{chapter.SitePath}: chart \"{title}\" is cut by a page break (its x axis \"{xTitle}\" is not on page {at + 1})");
            }
            // Charts are vectors: no page carries a picture.
            int images = doc.GetPages().Sum(p => p.GetImages().Count());
            if (images > 0) problems.Add($"{chapter.SitePath}: {images} raster images");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task The_whole_books_contents_link_to_every_chapter()
    {
        await repository.PdfAsync();
        var site = await repository.BookAsync();
        foreach (var edition in Editions(site))
        {
            using var book = PdfDocument.Open(Path.Combine(PdfFolder(site, edition), PdfPrinter.WholeBookFile));
            var chapters = site.Report.Chapters.Where(c => c.Edition == edition).ToList();
            int sections = chapters.Sum(c => 1 + c.Headings.Count(h => h.Level == 2));
            var targets = new List<int>();
            for (int n = 1; n <= Math.Min(book.NumberOfPages, 6); n++)
                foreach (var link in book.GetPage(n).GetAnnotations().Where(a => a.Type == AnnotationType.Link))
                    if (link.Action is GoToAction goTo) targets.Add(goTo.Destination.PageNumber);
            Assert.True(targets.Count >= sections, $"{edition}: {targets.Count} links in the contents, for {sections} chapters and sections");
            // The links lead forward into the book, in the order of the contents, up to its last chapter.
            Assert.Equal(targets.Order(), targets);
            Assert.True(targets[^1] > book.NumberOfPages - 40, $"{edition}: the last link goes to page {targets[^1]} of {book.NumberOfPages}");
            // Each chapter's link leads to the page where that chapter starts.
            int index = 0;
            foreach (var chapter in chapters)
            {
                string page = Squeeze(book.GetPage(targets[index]).Text);
                Assert.True(page.Contains(Squeeze(chapter.Title), StringComparison.Ordinal),
                    $"{edition}: the contents' link to {chapter.Number} leads to page {targets[index]}, which does not show its title");
                index += 1 + chapter.Headings.Count(h => h.Level == 2);
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"var layout = ([^\n]*);")]
    private static partial Regex LayoutLine();
}
