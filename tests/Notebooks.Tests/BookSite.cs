using Descent.Book;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>The book built from the executed chapters, and a headless Chromium to read it with.</summary>
public sealed class BookSite : IAsyncDisposable
{
    private IPlaywright? playwright;

    private BookSite(BookReport report, string folder, IPlaywright playwright, IBrowser browser)
    {
        Report = report;
        Folder = folder;
        this.playwright = playwright;
        Browser = browser;
    }

    public BookReport Report { get; }

    public string Folder { get; }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go.</summary>
    public string Screenshots => Path.Combine(Path.GetDirectoryName(Folder)!, "test-book-screenshots");

    /// <summary>Debian's Chromium (or $CHROMIUM); a clear failure if it is missing. No tool ever downloads a browser here.</summary>
    public static string ChromiumPath()
    {
        string path = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The book tests open every page in headless Chromium, which is not installed at {path}. " +
                "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this), " +
                "or point the CHROMIUM environment variable at a Chromium or Chrome executable.");
        return path;
    }

    public static async Task<BookSite> BuildAsync(string executedFolder, string siteFolder)
    {
        var report = SiteBuilder.Build(executedFolder, siteFolder);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // As root on a machine without a display or network: no sandbox, no GPU, no background requests.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        return new BookSite(report, siteFolder, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
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
        page.Request += (_, r) =>
        {
            watch.Requests.Add(r.Url);
            if (!(r.Url.StartsWith("file://", StringComparison.Ordinal) || r.Url.StartsWith("data:", StringComparison.Ordinal) || r.Url.StartsWith("blob:", StringComparison.Ordinal)))
                watch.Problems.Add($"request leaving the file system: {r.Url}");
        };
        page.RequestFailed += (_, r) => watch.Problems.Add($"failed request: {r.Url} ({r.Failure})");
        page.Console += (_, m) => { if (m.Type is "error" or "warning") watch.Problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => watch.Problems.Add($"page error: {e}");
        return watch;
    }
}
