using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>
/// What the book's presentation tests measure in a page, shared by the tests on a synthetic page
/// (fast, no kernel) and on the executed chapters: grids whose panels must not overlap, legends
/// that must list every run, charts that must follow a dark page, words that must not break.
/// </summary>
public static class BookPresentation
{
    public static readonly (int Width, int Height) Phone = (390, 844), Desktop = (1280, 900);

    public static async Task<IPage> OpenAsync(BookSite site, string file, (int Width, int Height) viewport, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await (await site.BrowserAsync()).NewPageAsync(new()
        {
            ViewportSize = new() { Width = viewport.Width, Height = viewport.Height }, ColorScheme = scheme,
        });
        await page.GotoAsync(new Uri(Path.Combine(site.Folder, file)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.plotly-chart')].every(c => c.dataset.rendered === 'true')", null, new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>
    /// For every Plot.Grid chart of the page: each panel's box (plot area with its tick labels, its axis
    /// titles and its panel title) and the legend's box, and the pairs among them that overlap.
    /// </summary>
    public static async Task<List<string>> GridOverlapsAsync(IPage page) => [.. await page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          const box = els => els.filter(e => e).map(e => e.getBoundingClientRect()).filter(b => b.width > 0 || b.height > 0)
            .reduce((r, b) => r ? { l: Math.min(r.l, b.left), t: Math.min(r.t, b.top), r: Math.max(r.r, b.right), b: Math.max(r.b, b.bottom) }
                                : { l: b.left, t: b.top, r: b.right, b: b.bottom }, null);
          const meet = (a, b) => a && b && a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
          document.querySelectorAll('.plotly-chart').forEach((el, n) => {
            const grid = el.descentSpec.layout.meta && el.descentSpec.layout.meta.descentGrid;
            if (!grid) return;
            const panels = [];
            for (let k = 0; k < grid.panels; k++) {
              const x = k ? 'x' + (k + 1) : 'x', y = k ? 'y' + (k + 1) : 'y';
              const sub = el.querySelector(`.subplot.${x}${y}`);
              panels.push(box([sub && sub.querySelector('.bg, .gridlayer'), sub && sub.querySelector('.xaxislayer-above'),
                               sub && sub.querySelector('.yaxislayer-above'), el.querySelector(`.g-${x}title`), el.querySelector(`.g-${y}title`),
                               grid.titled ? el.querySelector(`.annotation[data-index="${k}"]`) : null]));
            }
            const legend = box([el.querySelector('.legend')]);
            for (let i = 0; i < panels.length; i++) {
              if (!panels[i]) problems.push(`chart ${n + 1}: panel ${i + 1} is not drawn`);
              if (meet(panels[i], legend)) problems.push(`chart ${n + 1}: panel ${i + 1} overlaps the legend`);
              for (let j = i + 1; j < panels.length; j++)
                if (meet(panels[i], panels[j])) problems.push(`chart ${n + 1}: panels ${i + 1} and ${j + 1} overlap ${JSON.stringify([panels[i], panels[j]])}`);
            }
          });
          return problems;
        }
        """)];

    /// <summary>Every chart title (of the chart or of a grid's panel) that reaches outside its chart, where it would be cut off.</summary>
    public static async Task<List<string>> TitlesOutsideTheirChartsAsync(IPage page) => [.. await page.EvaluateAsync<string[]>("""
        () => {
          const outside = [];
          document.querySelectorAll('.plotly-chart').forEach((el, n) => {
            const chart = el.querySelector('.main-svg').getBoundingClientRect();
            el.querySelectorAll('.gtitle, .annotation-text').forEach(t => {
              const b = t.getBoundingClientRect();
              if (b.width > 0 && (b.left < chart.left - 1 || b.right > chart.right + 1 || b.top < chart.top - 1))
                outside.push(`chart ${n + 1}: "${t.textContent}" reaches ${Math.round(Math.max(chart.left - b.left, b.right - chart.right, chart.top - b.top))}px outside`);
            });
          });
          return outside;
        }
        """)];

    /// <summary>For every grid chart: the run names drawn in its panels that its legend does not list.</summary>
    public static async Task<List<string>> RunsMissingFromLegendsAsync(IPage page) => [.. await page.EvaluateAsync<string[]>("""
        () => {
          const missing = [];
          document.querySelectorAll('.plotly-chart').forEach((el, n) => {
            if (!(el.descentSpec.layout.meta && el.descentSpec.layout.meta.descentGrid)) return;
            const listed = new Set([...el.querySelectorAll('.legend .traces .legendtext')].map(t => t.textContent));
            const drawn = new Set(el.data.filter(t => t.showlegend !== false && t.type !== 'contour').map(t => t.name));
            drawn.forEach(name => { if (!listed.has(name)) missing.push(`chart ${n + 1}: ${name}`); });
          });
          return missing;
        }
        """)];

    /// <summary>The relative luminance (0 black … 1 white) of every chart's background and of its tick labels.</summary>
    public static async Task<(double Background, double Text)[]> ChartColoursAsync(IPage page)
    {
        var pairs = await page.EvaluateAsync<double[][]>("""
            () => {
              const lum = css => { const [r, g, b] = css.match(/\d+(\.\d+)?/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
              return [...document.querySelectorAll('.plotly-chart')].map(el => [
                lum(getComputedStyle(el.querySelector('.main-svg')).backgroundColor),
                lum(el.querySelector('.xtick text').style.fill || getComputedStyle(el.querySelector('.xtick text')).fill)]);
            }
            """);
        return pairs.Select(p => (p[0], p[1])).ToArray();
    }

    /// <summary>Korean words in table cells that the browser broke over two lines.</summary>
    public static async Task<List<string>> BrokenKoreanWordsAsync(IPage page) => [.. await page.EvaluateAsync<string[]>("""
        () => {
          const broken = [];
          document.querySelectorAll('main td').forEach(td => {
            const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const m of node.textContent.matchAll(/[\uAC00-\uD7A3]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
              }
            }
          });
          return broken;
        }
        """)];
}
