using Descent.Book;
using Descent.Runner;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>
/// The rendered book, read the way a learner reads it: every page opened from the file system in
/// headless Chromium, at phone and desktop widths. No console errors, no request that leaves the
/// file system, every chart of the notebook drawn, every formula typeset, no sideways scrolling.
/// Without Chromium these tests are skipped, unless CI is set (see <see cref="Chromium"/>).
/// </summary>
[Collection("kernel")]
public class BookTests(RepositoryFixture repository, ITestOutputHelper log)
{
    public static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 390, 844), ("desktop", 1280, 900)];

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        var pages = Repository.Notebooks(Repository.Root(AppContext.BaseDirectory))
            .Select(n => BookSite.PageFor(Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), n)))
            .Prepend("ko/index.html").Prepend("index.html");
        foreach (var page in pages)
        foreach (var viewport in Viewports)
            data.Add(page, viewport.Name);
        return data;
    }

    private async Task<(IPage Page, PageWatch Watch)> OpenAsync(BookSite site, string file, string viewport)
    {
        var (_, width, height) = Viewports.Single(v => v.Name == viewport);
        var page = await (await site.BrowserAsync()).NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var watch = PageWatch.On(page);
        await page.GotoAsync(new Uri(Path.Combine(site.Folder, file)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        // Charts are drawn after load; each marks itself data-rendered when plotly.js is done.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.plotly-chart')].every(c => c.dataset.rendered === 'true')", null, new() { Timeout = 60_000 });
        return (page, watch);
    }

    [Fact] // reads the rendered files only: runs without Chromium too
    public async Task The_book_has_a_page_per_chapter_and_carries_its_own_plotly()
    {
        var site = await repository.BookAsync();
        log.WriteLine(site.Report.StatusLine);
        Assert.Equal(repository.Chapters.Count, site.Report.Chapters.Count);
        Assert.True(File.Exists(Path.Combine(site.Folder, "index.html")));
        Assert.Single(Directory.GetFiles(Path.Combine(site.Folder, "assets"), "plotly-*.min.js"));
        foreach (var chapter in site.Report.Chapters)
        {
            string html = File.ReadAllText(Path.Combine(site.Folder, chapter.SitePath));
            Assert.Contains(SiteBuilder.ContentSecurityPolicy, html);
            Assert.Contains(chapter.NotebookPath, html);
            Assert.Contains($"<html lang=\"{chapter.Edition}\">", html);
            string assets = chapter.Edition == "en" ? "assets/" : "../assets/";
            Assert.Equal(1, CountOf(html, $"<script src=\"{assets}plotly-")); // once per page, not once per chart
            Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("require.js", html);
            Assert.NotEmpty(chapter.Summary);
        }
    }

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task Page_renders_offline_with_every_chart_and_formula(string file, string viewport)
    {
        var site = await repository.BookAsync();
        var (page, watch) = await OpenAsync(site, file, viewport);
        try
        {
            var chapter = site.Report.Chapters.SingleOrDefault(c => c.SitePath == file);
            int expectedCharts = chapter is null ? 0 : Chapter.ChartsIn(Path.Combine(repository.OutputFolder, chapter.Edition, chapter.NotebookFile));

            // Every chart in the notebook's outputs is drawn: an SVG with at least one trace in it.
            int drawn = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.plotly-chart')].filter(c => c.querySelector('svg.main-svg') && c.querySelectorAll('.trace').length > 0).length");
            Assert.Equal(expectedCharts, drawn);

            // Every formula is typeset: one MathML element per formula, each with a size; no TeX left as text.
            int formulas = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('main math')].filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length");
            Assert.Equal(chapter?.Formulas ?? 0, formulas);
            string prose = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('main section.md')].map(s => { const c = s.cloneNode(true); c.querySelectorAll('math, code, pre').forEach(e => e.remove()); return c.textContent; }).join(' ')");
            Assert.DoesNotContain("$", prose); // no TeX left as text, not even a "$x$" a Korean particle follows
            Assert.DoesNotContain("\\frac", prose);

            // Readable on a phone: nothing makes the page scroll sideways (code blocks and wide tables scroll inside themselves).
            int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{file} at {viewport} width scrolls sideways by {overflow}px");

            if (chapter is not null)
            {
                Assert.True(await page.Locator("nav.pager a").CountAsync() >= 1, "previous/next links");
                Assert.True(await page.Locator("nav.toc li").CountAsync() >= 3, "table of contents");
            }

            Directory.CreateDirectory(site.Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(site.Screenshots, $"{file.Replace('/', '-').Replace(".html", "")}-{viewport}.png"), FullPage = viewport == "phone" ? false : true });
            Assert.True(watch.Problems.Count == 0, string.Join("\n", watch.Problems));
            Assert.All(watch.Requests, url => Assert.StartsWith("file://", url));
            log.WriteLine($"{file} ({viewport}): {drawn} charts, {formulas} formulas, {watch.Requests.Count} requests, all local");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_watch_catches_requests_that_leave_the_file_system_and_the_policy_blocks_them()
    {
        // The checks above must be able to fail: a page that reaches for the network is caught,
        // and the book's Content-Security-Policy stops the request and says so in the console.
        var site = await repository.BookAsync();
        string folder = Path.Combine(repository.Root, "out", "test-fixtures", "network-probe");
        Directory.CreateDirectory(folder);
        string open = Path.Combine(folder, "open.html"), guarded = Path.Combine(folder, "guarded.html");
        File.WriteAllText(open, "<!doctype html><img src=\"http://127.0.0.1:9/pixel.png\">");
        File.WriteAllText(guarded, $"<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"{SiteBuilder.ContentSecurityPolicy}\"><img src=\"http://127.0.0.1:9/pixel.png\">");

        foreach (var (file, expected) in new[] { (open, "request leaving the file system"), (guarded, "console error") })
        {
            var page = await (await site.BrowserAsync()).NewPageAsync();
            var watch = PageWatch.On(page);
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            await page.WaitForTimeoutAsync(300);
            Assert.Contains(watch.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
            await page.CloseAsync();
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
