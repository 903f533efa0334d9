using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Book;
using Descent.Runner;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>
/// A synthetic executed notebook (no kernel needed), rendered into a book of one page: a two-panel
/// grid chart in Plot.Grid's form, a notation table with Korean, an output of 10 000 lines and a
/// folded solution. Fast, so the book's layout rules can be tested on every change.
/// </summary>
public sealed class SyntheticBook : IAsyncLifetime
{
    public const string Page = "99-presentation-probe.html";
    public const int PrintedLines = 10_000;

    public BookSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string folder = Path.Combine(Repository.Root(AppContext.BaseDirectory), "out", "test-fixtures", "presentation");
        string executed = Path.Combine(folder, "notebooks");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(executed);
        File.WriteAllText(Path.Combine(executed, "99-presentation-probe.ipynb"), Notebook().ToJsonString());
        Site = BookSite.Build(executed, Path.Combine(folder, "site"));
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();

    private static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    private static JsonObject Code(string source, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = source, ["outputs"] = new JsonArray(outputs),
    };

    /// <summary>A chart output as the kernel writes it: the Plotly.NET HTML with var data / layout / config lines.</summary>
    private static JsonObject Chart(JsonArray data, JsonObject layout) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = new JsonObject
        {
            ["text/html"] = $"<div id=\"c\"></div><script type=\"text/javascript\">\nvar renderPlotly = function() {{\n" +
                            $"var data = {data.ToJsonString()};\nvar layout = {layout.ToJsonString()};\nvar config = {{\"responsive\":true}};\n" +
                            "Plotly.newPlot('c', data, layout, config);\n};\n</script>",
        },
    };

    private static JsonObject Line(string name, int panel, string color, bool inLegend = true) => new()
    {
        ["type"] = "scatter", ["mode"] = "lines", ["name"] = name, ["legendgroup"] = name, ["showlegend"] = inLegend,
        ["x"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode)(double)i).ToArray()),
        ["y"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode)(1000.0 * Math.Pow(0.8, i))).ToArray()),
        ["xaxis"] = panel == 1 ? "x" : $"x{panel}", ["yaxis"] = panel == 1 ? "y" : $"y{panel}",
        ["line"] = new JsonObject { ["color"] = color },
    };

    /// <summary>Plot.Grid's shape: a layout.grid, panel titles as annotations, the legend below, meta.descentGrid.</summary>
    private static JsonObject GridChart() => Chart(
        [Line("SGD η=0.95", 1, "#7f7f7f"), Line("Adam η=0.3", 1, "#d62728"), Line("SGD η=0.95", 2, "#7f7f7f", inLegend: false),
         Line("Adam η=0.3", 2, "#d62728", inLegend: false), Line("RMSProp η=0.1", 2, "#ff7f0e")],
        JsonNode.Parse("""
            {"autosize":true,"height":460,"title":{"text":" "},"margin":{"l":60,"r":20,"t":50,"b":40},
             "legend":{"orientation":"h","y":-0.22},
             "xaxis":{"title":{"text":"step"}},"yaxis":{"title":{"text":"f(θ) − f*  (log)"},"type":"log"},
             "xaxis2":{"title":{"text":"step"}},"yaxis2":{"title":{"text":"distance to the minimum  (log)"},"type":"log"},
             "annotations":[{"x":0.2222,"y":1.0,"showarrow":false,"text":"loss gap","xanchor":"center","xref":"paper","yanchor":"bottom","yref":"paper"},
                            {"x":0.7777,"y":1.0,"showarrow":false,"text":"distance","xanchor":"center","xref":"paper","yanchor":"bottom","yref":"paper"}],
             "grid":{"rows":1,"columns":2,"roworder":"top to bottom","pattern":"independent"},
             "meta":{"descentGrid":{"panels":2,"columns":2,"titled":true}}}
            """)!.AsObject());

    private static JsonObject Notebook()
    {
        // Rows of chapter 00's notation table: the longest Korean terms next to long English and code.
        const string table = """
            | symbol | English | 한국어 | in code |
            |---|---|---|---|
            | θ | parameters (weights) | 매개변수, 가중치 | `theta`, `Point2` |
            | η (γ in PyTorch) | learning rate | 학습률 | `learningRate` |
            | h | sum or average of squared gradients | 기울기 제곱의 합·평균 | `AdaGrad.SumOfSquares`, `RmsProp.SquareAverage` |
            | β₁, β₂ | Adam's decay rates | 아담의 감쇠율 | `beta1`, `beta2` |
            | λ | curvature (on a quadratic), or weight decay | 곡률, 가중치 감쇠 | `MaxCurvature`, `weightDecay` |
            | — | divergence ("explodes") | 발산 | `Trajectory.DivergedAtStep` |
            """;
        return new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(
                Markdown("# 99 · Presentation probe\n\n> **Tip / my thoughts.** A page the tests build to measure the book's layout. Nothing else."),
                Markdown("## Notation\n\n" + table),
                Code("Plot.Grid(2, [\"loss gap\", \"distance\"], …)", GridChart()),
                Code("for (int i = 0; i < 10_000; i++) Console.WriteLine(i);", new JsonObject
                {
                    ["output_type"] = "stream", ["name"] = "stdout",
                    ["text"] = string.Concat(Enumerable.Range(0, PrintedLines).Select(i => $"line {i}\n")),
                }),
                Markdown("## Exercises\n\n**Exercise 1.** What is the largest stable η?"),
                Markdown("<details><summary>Solution to Exercise 1</summary>\n\nThe steep direction has $\\lambda = 4$, so $\\eta < 2/\\lambda = 0.5$.\n\n</details>")),
        };
    }
}

public class BookPresentationTests(SyntheticBook book) : IClassFixture<SyntheticBook>
{
    [Fact]
    public void The_probe_page_holds_what_the_tests_measure()
    {
        string html = File.ReadAllText(Path.Combine(book.Site.Folder, SyntheticBook.Page));
        Assert.Contains("학습률", html);
        Assert.Single(book.Site.Report.Chapters);
        Assert.Equal(1, book.Site.Report.Chapters[0].Charts);
    }

    [Fact]
    public void A_huge_output_is_cut_in_the_book_with_a_note()
    {
        string html = File.ReadAllText(Path.Combine(book.Site.Folder, SyntheticBook.Page));
        Assert.Contains($"… {SyntheticBook.PrintedLines - OutputRenderer.MaxLines} more lines (see the notebook)", html);
        Assert.Contains($"line {OutputRenderer.MaxLines - 1}\n", html);
        Assert.DoesNotContain($"line {OutputRenderer.MaxLines}\n", html);
        Assert.True(new FileInfo(Path.Combine(book.Site.Folder, SyntheticBook.Page)).Length < 100_000);
    }

    [BrowserFact]
    public async Task A_solution_starts_folded_and_opens_when_asked()
    {
        Assert.Equal(1, book.Site.Report.Chapters[0].Solutions);
        var page = await BookPresentation.OpenAsync(book.Site, SyntheticBook.Page, BookPresentation.Phone);
        try
        {
            var solution = page.Locator("details.solution");
            Assert.Equal(1, await solution.CountAsync());
            Assert.Null(await solution.GetAttributeAsync("open"));
            Assert.False(await page.Locator("details.solution p").IsVisibleAsync(), "the solution's text is hidden until asked for");
            await page.Locator("details.solution > summary").ClickAsync();
            Assert.True(await page.Locator("details.solution p").IsVisibleAsync(), "a click on the summary shows the solution");
            Assert.True(await page.Locator("details.solution math").CountAsync() >= 2, "its formulas are typeset");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Grid_panels_and_legend_do_not_overlap_and_every_run_is_listed(int width)
    {
        var page = await BookPresentation.OpenAsync(book.Site, SyntheticBook.Page, (width, 900));
        try
        {
            var overlaps = await BookPresentation.GridOverlapsAsync(page);
            Assert.True(overlaps.Count == 0, string.Join("\n", overlaps));
            var missing = await BookPresentation.RunsMissingFromLegendsAsync(page);
            Assert.True(missing.Count == 0, "not in the legend: " + string.Join(", ", missing));
            // On a phone the panels are stacked: the second one is below the first, not beside it.
            var tops = await page.EvaluateAsync<double[]>(
                "() => ['.subplot.xy .gridlayer', '.subplot.x2y2 .gridlayer'].map(s => document.querySelector(s).getBoundingClientRect().top)");
            if (width < 640) Assert.True(tops[1] > tops[0] + 100, $"stacked panels: tops {tops[0]} and {tops[1]}");
            else Assert.True(Math.Abs(tops[1] - tops[0]) < 5, $"side by side: tops {tops[0]} and {tops[1]}");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_layout_checks_can_fail_on_a_grid_left_as_plotly_lays_it_out()
    {
        // The same page with the book's grid layout switched off (meta removed): at 390 px the panels collide.
        string file = Path.Combine(book.Site.Folder, "99-unarranged.html");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(book.Site.Folder, SyntheticBook.Page)).Replace("\"meta\":", "\"_meta\":"));
        var page = await BookPresentation.OpenAsync(book.Site, "99-unarranged.html", BookPresentation.Phone);
        try
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.plotly-chart').forEach(el => el.descentSpec.layout.meta = { descentGrid: { panels: 2, columns: 2, titled: true } })");
            Assert.NotEmpty(await BookPresentation.GridOverlapsAsync(page));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task A_chart_title_too_long_for_a_phone_is_broken_over_lines_and_the_check_sees_one_cut_off()
    {
        var page = await BookPresentation.OpenAsync(book.Site, SyntheticBook.Page, BookPresentation.Phone);
        try
        {
            const string title = "a title far too long for a phone: the loss gap and the distance of two optimizers after 50 steps";
            await page.EvaluateAsync("t => { const el = document.querySelector('.plotly-chart'); el.descentSpec.layout.title = { text: t }; return window.descentBook.draw(el, false); }", title);
            Assert.Empty(await BookPresentation.TitlesOutsideTheirChartsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.querySelectorAll('.plotly-chart .gtitle .line').length") >= 2, "the title is on several lines");
            Assert.Empty(await BookPresentation.GridOverlapsAsync(page));
            // The same title drawn by plotly.js on one line reaches past the chart's edge, and the check says so.
            await page.EvaluateAsync("t => Plotly.relayout(document.querySelector('.plotly-chart'), { 'title.text': t })", title);
            Assert.NotEmpty(await BookPresentation.TitlesOutsideTheirChartsAsync(page));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task Charts_follow_the_page_into_dark_mode_and_back()
    {
        var page = await BookPresentation.OpenAsync(book.Site, SyntheticBook.Page, BookPresentation.Desktop);
        try
        {
            Assert.All(await BookPresentation.ChartColoursAsync(page), c => Assert.True(c.Background > 0.9, $"light background {c.Background}"));
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.plotly-chart')].every(c => c.dataset.theme === 'dark')");
            Assert.All(await BookPresentation.ChartColoursAsync(page), c =>
            {
                Assert.True(c.Background < 0.2, $"dark background {c.Background}");
                Assert.True(c.Text > 0.6, $"light text on it {c.Text}");
            });
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.plotly-chart')].every(c => c.dataset.theme === 'light')");
            Assert.All(await BookPresentation.ChartColoursAsync(page), c => Assert.True(c.Background > 0.9, $"light again {c.Background}"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task Korean_words_in_a_table_stay_whole_on_a_phone()
    {
        var page = await BookPresentation.OpenAsync(book.Site, SyntheticBook.Page, BookPresentation.Phone);
        try
        {
            Assert.True(await page.Locator("main td:has-text('학습률')").CountAsync() == 1);
            var broken = await BookPresentation.BrokenKoreanWordsAsync(page);
            Assert.True(broken.Count == 0, "broken over two lines: " + string.Join(", ", broken));
            int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}

public class OutputTruncationTests
{
    [Fact]
    public void Short_output_is_kept_whole()
    {
        string text = string.Concat(Enumerable.Range(0, OutputRenderer.MaxLines).Select(i => $"{i}\n"));
        Assert.Equal((text, 0), OutputRenderer.Truncate(text));
        Assert.Equal(("", 0), OutputRenderer.Truncate(""));
    }

    [Fact]
    public void Lines_beyond_the_cap_are_counted_not_shown()
    {
        string text = string.Concat(Enumerable.Range(0, OutputRenderer.MaxLines + 7).Select(i => $"{i}\n"));
        var (kept, left) = OutputRenderer.Truncate(text);
        Assert.Equal(7, left);
        Assert.Equal(OutputRenderer.MaxLines, kept.Count(c => c == '\n'));
        Assert.EndsWith($"{OutputRenderer.MaxLines - 1}\n", kept);
        // Without a final newline the last line still counts.
        Assert.Equal(7, OutputRenderer.Truncate(text.TrimEnd('\n')).LinesLeftOut);
    }

    [Fact]
    public void Characters_are_capped_too_at_a_line_boundary()
    {
        string line = new string('x', 999) + "\n"; // 1000 characters a line: 20 lines fill the cap
        string text = string.Concat(Enumerable.Repeat(line, 50));
        var (kept, left) = OutputRenderer.Truncate(text);
        Assert.Equal(OutputRenderer.MaxChars, kept.Length);
        Assert.Equal(50 - OutputRenderer.MaxChars / 1000, left);
        // One enormous line is cut inside it, and counted as left out.
        var (start, leftOfOne) = OutputRenderer.Truncate(new string('y', 10 * OutputRenderer.MaxChars));
        Assert.Equal(OutputRenderer.MaxChars, start.Length);
        Assert.Equal(1, leftOfOne);
    }

    [Fact]
    public void The_renderer_puts_the_note_under_a_cut_stream()
    {
        var outputs = new JsonArray(new JsonObject
        {
            ["output_type"] = "stream", ["name"] = "stdout",
            ["text"] = string.Concat(Enumerable.Range(0, 1000).Select(i => $"<{i}>\n")),
        });
        string html = new OutputRenderer().Render(outputs);
        Assert.Contains("… 800 more lines (see the notebook)", html);
        Assert.Contains("&lt;199&gt;", html);
        Assert.DoesNotContain("&lt;200&gt;", html);
        Assert.Single(Regex.Matches(html, "<pre"));
    }
}
