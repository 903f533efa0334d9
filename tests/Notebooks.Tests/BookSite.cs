using Descent.Book;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>The book built from the executed chapters, and a headless Chromium to read it with (started on first use).</summary>
public sealed class BookSite : IAsyncDisposable
{
    private readonly SemaphoreSlim browserGate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    private BookSite(BookReport report, string folder)
    {
        Report = report;
        Folder = folder;
    }

    public BookReport Report { get; }

    public string Folder { get; }

    /// <summary>Where screenshots go.</summary>
    public string Screenshots => Path.Combine(Path.GetDirectoryName(Folder)!, "test-book-screenshots");

    /// <summary>Renders the book; no browser yet.</summary>
    /// <summary>
    /// A chapter's page in the site (and, with .cs, its app in out/apps) from its name relative to notebooks/:
    /// "en/02-momentum.ipynb" → "02-momentum.html" (the English edition is the site's root), "ko/02-momentum.ipynb" →
    /// "ko/02-momentum.html".
    /// </summary>
    public static string PageFor(string chapter, string extension = ".html")
    {
        string page = Path.ChangeExtension(chapter.Replace('\\', '/'), extension);
        return page.StartsWith("en/", StringComparison.Ordinal) ? page[3..] : page;
    }

    public static BookSite Build(string executedFolder, string siteFolder) => new(SiteBuilder.Build(executedFolder, siteFolder), siteFolder);

    /// <summary>Headless Chromium (see <see cref="Chromium"/>: a clear failure if it is missing). No tool ever downloads a browser here.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        await browserGate.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            string executable = Chromium.RequirePath();
            playwright = await Playwright.CreateAsync();
            return browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = executable,
                Headless = true,
                // As root on a machine without a display or network: no sandbox, no GPU, no background requests.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
            });
        }
        finally
        {
            browserGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        playwright = null;
    }
}

/// <summary>What a page did while it loaded: every request, every console error, every page error.</summary>
public sealed class PageWatch
{
    public List<string> Requests { get; } = [];
    public List<string> Problems { get; } = [];

    public static PageWatch On(IPage page)
    {
        var watch = new PageWatch();
        watch.Attach(page);
        return watch;
    }

    /// <summary>Starts watching a page (before it loads, to see everything).</summary>
    public void Attach(IPage page)
    {
        var watch = this;
        page.Request += (_, r) =>
        {
            watch.Requests.Add(r.Url);
            if (!(r.Url.StartsWith("file://", StringComparison.Ordinal) || r.Url.StartsWith("data:", StringComparison.Ordinal) || r.Url.StartsWith("blob:", StringComparison.Ordinal)))
                watch.Problems.Add($"request leaving the file system: {r.Url}");
        };
        page.RequestFailed += (_, r) => watch.Problems.Add($"failed request: {r.Url} ({r.Failure})");
        page.Console += (_, m) => { if (m.Type is "error" or "warning") watch.Problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => watch.Problems.Add($"page error: {e}");
    }
}
