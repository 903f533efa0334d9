using Descent.Runner;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>
/// The presentation rules of <see cref="BookPresentationTests"/> on the real executed chapters: every
/// grid chart (Plot.Grid) without overlapping panels at phone and desktop widths and with every run in
/// its legend, every chart's title inside the chart (broken over lines when it is too long), every chart dark
/// on a dark page, the notation table's Korean words whole on a phone.
/// </summary>
[Collection("kernel")]
public class BookChapterPresentationTests(RepositoryFixture repository)
{
    public static TheoryData<string, int> ChapterPages()
    {
        var data = new TheoryData<string, int>();
        foreach (var notebook in Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)))
        foreach (int width in new[] { 390, 1280 })
            data.Add(BookSite.PageFor(Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), notebook)), width);
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(ChapterPages))]
    public async Task Charts_keep_their_panels_apart_their_titles_inside_and_every_run_listed(string file, int width)
    {
        var site = await repository.BookAsync();
        var page = await BookPresentation.OpenAsync(site, file, (width, 900));
        try
        {
            var overlaps = await BookPresentation.GridOverlapsAsync(page);
            Assert.True(overlaps.Count == 0, $"{file} at {width}px:\n" + string.Join("\n", overlaps));
            var missing = await BookPresentation.RunsMissingFromLegendsAsync(page);
            Assert.True(missing.Count == 0, $"{file}: not in the legend: " + string.Join(", ", missing));
            var outside = await BookPresentation.TitlesOutsideTheirChartsAsync(page);
            Assert.True(outside.Count == 0, $"{file} at {width}px, titles cut off:\n" + string.Join("\n", outside));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task Every_chart_of_a_chapter_turns_dark_with_the_page()
    {
        var site = await repository.BookAsync();
        var page = await BookPresentation.OpenAsync(site, "01-gradient-descent.html", BookPresentation.Desktop, ColorScheme.Dark);
        try
        {
            var colours = await BookPresentation.ChartColoursAsync(page);
            Assert.NotEmpty(colours);
            Assert.All(colours, c => Assert.True(c.Background < 0.2 && c.Text > 0.6, $"background {c.Background}, text {c.Text}"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_notation_table_keeps_Korean_words_whole_on_a_phone()
    {
        var site = await repository.BookAsync();
        var page = await BookPresentation.OpenAsync(site, "00-start-here.html", BookPresentation.Phone);
        try
        {
            Assert.True(await page.Locator("main td:has-text('학습률')").CountAsync() >= 1, "chapter 00 has its notation table");
            var broken = await BookPresentation.BrokenKoreanWordsAsync(page);
            Assert.True(broken.Count == 0, "broken over two lines: " + string.Join(", ", broken));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
