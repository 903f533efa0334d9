using Descent.Runner;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>
/// Slide mode: every chapter stepped through slide by slide with the arrow keys, at a projector's 1280×720 and
/// 1920×1080, from the file system in headless Chromium: each slide shows with nothing cut off or scrolling
/// (no content beyond the slide, no code or table scrolling sideways, every chart inside), and no console error.
/// </summary>
[Collection("kernel")]
public class BookSlideTests(RepositoryFixture repository)
{
    public static TheoryData<string, int, int> ChapterScreens()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var notebook in Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)))
        foreach (var (w, h) in new[] { (1280, 720), (1920, 1080) })
            data.Add(BookSite.PageFor(Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), notebook)), w, h);
        return data;
    }

    /// <summary>What is wrong with the slide on screen (empty: nothing).</summary>
    public const string SlideProblems = """
        () => {
          const slide = [...document.querySelectorAll('.deck .slide')].find(s => !s.hidden);
          if (!slide) return ['no slide is shown'];
          const problems = [], box = slide.getBoundingClientRect();
          if (slide.scrollHeight > slide.clientHeight + 1) problems.push(`content ${slide.scrollHeight - slide.clientHeight}px taller than the slide`);
          if (slide.scrollWidth > slide.clientWidth + 1) problems.push(`content ${slide.scrollWidth - slide.clientWidth}px wider than the slide`);
          slide.querySelectorAll('pre, table, .math-display, .out.html').forEach(b => {
            if (b.scrollWidth > b.clientWidth + 1) problems.push(`a ${b.tagName.toLowerCase()} scrolls sideways by ${b.scrollWidth - b.clientWidth}px`);
          });
          slide.querySelectorAll('.plotly-chart').forEach(c => {
            const r = c.getBoundingClientRect();
            if (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.top < box.top - 1) problems.push('a chart reaches outside the slide');
            if (!c.querySelector('svg.main-svg')) problems.push('a chart is not drawn');
          });
          if (slide.textContent.trim().length === 0 && !slide.querySelector('.plotly-chart, img, math')) problems.push('an empty slide');
          const doc = document.documentElement;
          if (doc.scrollWidth > doc.clientWidth || doc.scrollHeight > doc.clientHeight) problems.push('the page itself scrolls');
          return problems;
        }
        """;

    private static async Task<IPage> OpenSlidesAsync(BookSite site, string file, int width, int height, PageWatch? watch = null)
    {
        var page = await (await site.BrowserAsync()).NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        if (watch is not null) watch.Attach(page);
        await page.GotoAsync(new Uri(Path.Combine(site.Folder, file)).AbsoluteUri + "#slides", new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForFunctionAsync("() => document.body.dataset.slides && document.querySelector('.deck').dataset.ready === '1'",
            null, new() { Timeout = 60_000 });
        return page;
    }

    private static Task WaitForSlideAsync(IPage page, int number) =>
        page.WaitForFunctionAsync($"() => document.querySelector('.deck').dataset.ready === '{number}'", null, new() { Timeout = 30_000 });

    [BrowserTheory]
    [MemberData(nameof(ChapterScreens))]
    public async Task Every_slide_fits_the_screen_stepping_with_the_arrow_keys(string file, int width, int height)
    {
        var site = await repository.BookAsync();
        var watch = new PageWatch();
        var page = await OpenSlidesAsync(site, file, width, height, watch);
        try
        {
            int count = int.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.slides"));
            int blocks = await page.EvaluateAsync<int>("() => document.querySelectorAll('.deck .slide .cell .code, .deck .slide section.md > *, .deck .slide-content > *').length");
            Assert.True(count >= 5, $"{file}: only {count} slides");
            Assert.True(blocks > 0);
            var problems = new List<string>();
            for (int n = 1; n <= count; n++)
            {
                Assert.Equal(n.ToString(), await page.EvaluateAsync<string>("() => document.querySelector('.deck').dataset.current"));
                foreach (var p in await page.EvaluateAsync<string[]>(SlideProblems)) problems.Add($"slide {n}/{count}: {p}");
                if (n < count)
                {
                    await page.Keyboard.PressAsync("ArrowRight");
                    await WaitForSlideAsync(page, n + 1);
                }
            }
            Assert.True(problems.Count == 0, $"{file} at {width}×{height}:\n" + string.Join("\n", problems.Take(30)));
            // At the end, → stays on the last slide and ← goes back one.
            await page.Keyboard.PressAsync("ArrowRight");
            Assert.Equal(count.ToString(), await page.EvaluateAsync<string>("() => document.querySelector('.deck').dataset.current"));
            await page.Keyboard.PressAsync("ArrowLeft");
            await WaitForSlideAsync(page, count - 1);
            Assert.True(watch.Problems.Count == 0, string.Join("\n", watch.Problems));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task A_table_too_long_for_a_slide_continues_on_the_next_ones_with_its_header()
    {
        // Chapter 00's glossary (68 terms) cannot be read on one slide at 1280×720: its rows go on over several.
        var site = await repository.BookAsync();
        var page = await (await site.BrowserAsync()).NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        try
        {
            await page.GotoAsync(new Uri(Path.Combine(site.Folder, "00-start-here.html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            const string rows = "s => [...document.querySelectorAll(s)].map(t => t.querySelectorAll('tbody tr').length)";
            int[] onThePage = await page.EvaluateAsync<int[]>(rows, "main table");
            await page.Keyboard.PressAsync("s");
            await WaitForSlideAsync(page, 1);
            int[] onSlides = await page.EvaluateAsync<int[]>(rows, ".deck table");
            Assert.Equal(onThePage.Sum(), onSlides.Sum());
            Assert.True(onSlides.Length > onThePage.Length, $"tables of {string.Join(", ", onThePage)} rows were not split: {string.Join(", ", onSlides)}");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.deck table')].filter(t => !t.tHead).length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.deck .slide')].filter(s => s.querySelectorAll('table').length > 1).length"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_button_swipes_and_escape_work_and_the_fit_check_can_fail()
    {
        var site = await repository.BookAsync();
        var watch = new PageWatch();
        var page = await (await site.BrowserAsync()).NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        watch.Attach(page);
        try
        {
            await page.GotoAsync(new Uri(Path.Combine(site.Folder, "02-momentum.html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            await page.Locator("button.slides-toggle").ClickAsync();
            await WaitForSlideAsync(page, 1);
            // A swipe to the left goes on, one to the right goes back.
            string swipe = """
                dx => {
                  const t = (x) => new Touch({ identifier: 1, target: document.body, clientX: x, clientY: 300 });
                  document.body.dispatchEvent(new TouchEvent('touchstart', { touches: [t(600)], changedTouches: [t(600)], bubbles: true }));
                  document.body.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [t(600 + dx)], bubbles: true }));
                }
                """;
            await page.EvaluateAsync(swipe, -200);
            await WaitForSlideAsync(page, 2);
            await page.EvaluateAsync(swipe, 200);
            await WaitForSlideAsync(page, 1);
            Assert.Empty(await page.EvaluateAsync<string[]>(SlideProblems));
            // The check sees a block wider than the slide.
            await page.EvaluateAsync("() => { const d = document.createElement('pre'); d.textContent = 'x'.repeat(3000); d.style.whiteSpace = 'pre'; d.style.overflow = 'visible'; document.querySelector('.deck .slide:not([hidden]) .slide-content').appendChild(d); }");
            Assert.NotEmpty(await page.EvaluateAsync<string[]>(SlideProblems));
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForFunctionAsync("() => !document.querySelector('.deck') && document.querySelector('main .cell')");
            Assert.True(watch.Problems.Count == 0, string.Join("\n", watch.Problems));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
