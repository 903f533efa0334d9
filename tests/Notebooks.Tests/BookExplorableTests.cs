using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// The explorable charts (Plot.Explore): every chapter from 01 on has one, and in the book, opened from the
/// file system in headless Chromium, moving its slider changes the traces drawn.
/// </summary>
[Collection("kernel")]
public class BookExplorableTests(RepositoryFixture repository)
{
    /// <summary>The chapters that carry an explorable: 01 onwards (00 is the start page).</summary>
    public static TheoryData<string> Chapters()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)))
            if (!Path.GetFileName(notebook).StartsWith("00", StringComparison.Ordinal))
                data.Add(Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), notebook));
        return data;
    }

    /// <summary>How many charts among the executed notebook's outputs carry a slider.</summary>
    private int SlidersIn(string notebook)
    {
        string text = File.ReadAllText(Path.Combine(repository.OutputFolder, notebook));
        var cells = JsonNode.Parse(text)!["cells"]!.AsArray();
        return cells.OfType<JsonObject>().SelectMany(c => c["outputs"] as JsonArray ?? [])
            .Count(o => ((string?)o?["data"]?["text/html"])?.Contains("\"sliders\":[", StringComparison.Ordinal) == true);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_chapter_has_an_explorable(string notebook)
    {
        Assert.True(repository.Chapters[notebook].Succeeded, repository.Chapters[notebook].Error);
        Assert.True(SlidersIn(notebook) >= 1, $"{notebook}: no chart with a slider (Plot.Explore) among its outputs");
    }

    [BrowserTheory]
    [MemberData(nameof(Chapters))]
    public async Task Moving_a_slider_changes_the_drawn_traces(string notebook)
    {
        var site = await repository.BookAsync();
        string file = BookSite.PageFor(notebook);
        var page = await BookPresentation.OpenAsync(site, file, BookPresentation.Desktop);
        var watch = PageWatch.On(page);
        try
        {
            int sliders = await page.EvaluateAsync<int>("() => document.querySelectorAll('.plotly-chart .slider-container').length");
            Assert.Equal(SlidersIn(notebook), sliders);
            for (int n = 0; n < sliders; n++)
            {
                // What is drawn: the name and the SVG path of every visible line, and the slider's position.
                string drawn = $$"""
                    () => {
                      const el = [...document.querySelectorAll('.plotly-chart')].filter(c => c.querySelector('.slider-container'))[{{n}}];
                      const lines = [...el.querySelectorAll('.scatterlayer .trace')].filter(t => t.style.opacity !== '0')
                        .map(t => [...t.querySelectorAll('path.js-line, path.point')].map(p => p.getAttribute('d')).join('|'));
                      return JSON.stringify({ active: el.layout.sliders[0].active, title: el.querySelector('.gtitle')?.textContent, lines });
                    }
                    """;
                string before = await page.EvaluateAsync<string>(drawn);
                var rail = page.Locator(".plotly-chart:has(.slider-container)").Nth(n).Locator(".slider-rail-touch-rect");
                await rail.ScrollIntoViewIfNeededAsync();
                var box = (await rail.BoundingBoxAsync())!;
                int active = JsonNode.Parse(before)!["active"]!.GetValue<int>();
                // Click the rail's far end (or its start when the slider already sits at the end).
                double x = active == 0 ? box.X + box.Width - 3 : box.X + 3;
                await page.Mouse.ClickAsync((float)x, (float)(box.Y + box.Height / 2));
                await page.WaitForFunctionAsync($$"""() => [...document.querySelectorAll('.plotly-chart')].filter(c => c.querySelector('.slider-container'))[{{n}}].layout.sliders[0].active !== {{active}}""");
                await page.WaitForTimeoutAsync(200);
                string after = await page.EvaluateAsync<string>(drawn);
                var b = JsonNode.Parse(before)!; var a = JsonNode.Parse(after)!;
                Assert.NotEqual(b["lines"]!.ToJsonString(), a["lines"]!.ToJsonString());
                Assert.NotEqual((string?)b["title"], (string?)a["title"]);
                Assert.NotEmpty(a["lines"]!.AsArray());
            }
            Assert.True(watch.Problems.Count == 0, string.Join("\n", watch.Problems));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
