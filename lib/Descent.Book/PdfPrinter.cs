using System.Diagnostics;

namespace Descent.Book;

/// <summary>What printing the PDFs produced: one file per chapter and the whole book, or why nothing was printed.</summary>
public sealed record PdfReport(IReadOnlyList<string> Files, long Bytes, TimeSpan Elapsed, string? SkippedBecause)
{
    /// <summary>One line for the console.</summary>
    public string StatusLine => SkippedBecause is not null
        ? $"pdf: skipped, {SkippedBecause}"
        : $"pdf: {Files.Count} files (per edition: every chapter + the whole book), {Bytes / 1e6:F1} MB, printed in {Elapsed.TotalSeconds:F1} s → {Path.GetDirectoryName(Files[0])}";
}

/// <summary>
/// Prints the book's print pages (<see cref="SiteBuilder.PrintFolder"/>) to PDF with headless Chromium: one file per
/// chapter, <c>pdf/NN-….pdf</c>, and the whole book, <c>pdf/book.pdf</c>. Pages are the size of an 11-inch
/// tablet's screen (160 × 229 mm: the text reads at the size it was set), charts stay vectors (plotly.js draws
/// SVG), formulas are MathML, and the table of contents links to every chapter and section.
/// </summary>
public static class PdfPrinter
{
    /// <summary>The install line for Debian/Ubuntu.</summary>
    public const string InstallLine = "sudo apt-get install -y chromium";

    /// <summary>The folder (inside the site) of the PDFs.</summary>
    public const string PdfFolder = "pdf";

    /// <summary>The whole book's PDF, in <see cref="PdfFolder"/>.</summary>
    public const string WholeBookFile = "book.pdf";

    /// <summary>The longest one page may take to print.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>$CHROMIUM, or Debian's /usr/bin/chromium.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Prints every print page of the site, or skips (with the reason) when Chromium is not installed.</summary>
    public static PdfReport Print(string siteFolder, string? chromium = null)
    {
        chromium ??= ChromiumPath;
        if (!File.Exists(chromium))
            return new PdfReport([], 0, TimeSpan.Zero,
                $"Chromium is not installed at {chromium} (install it with `{InstallLine}`, or set CHROMIUM): no PDFs");
        var clock = Stopwatch.StartNew();
        var files = new List<string>();
        // Each edition has its print pages: the English at the site's root, the others in their folder (ko/print → ko/pdf).
        var editionFolders = new[] { siteFolder }.Concat(Directory.GetDirectories(siteFolder).Order(StringComparer.Ordinal)
            .Where(d => Directory.Exists(Path.Combine(d, SiteBuilder.PrintFolder))));
        foreach (var edition in editionFolders)
        {
            string print = Path.Combine(edition, SiteBuilder.PrintFolder), pdf = Path.Combine(edition, PdfFolder);
            if (Directory.Exists(pdf)) Directory.Delete(pdf, recursive: true);
            Directory.CreateDirectory(pdf);
            var pages = Directory.GetFiles(print, "*.html").Where(p => Path.GetFileName(p) != SiteBuilder.WholeBookPage)
                .Order(StringComparer.Ordinal).Append(Path.Combine(print, SiteBuilder.WholeBookPage));
            foreach (var page in pages)
            {
                string name = Path.GetFileName(page) == SiteBuilder.WholeBookPage ? WholeBookFile : Path.ChangeExtension(Path.GetFileName(page), ".pdf");
                string output = Path.Combine(pdf, name);
                PrintOne(chromium, page, output);
                files.Add(output);
            }
        }
        clock.Stop();
        return new PdfReport(files, files.Sum(f => new FileInfo(f).Length), clock.Elapsed, null);
    }

    /// <summary>Prints one page; throws with Chromium's own output when no PDF comes out.</summary>
    public static void PrintOne(string chromium, string page, string output)
    {
        string profile = Path.Combine(Path.GetTempPath(), $"descent-pdf-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // As root on a machine without a display or network: no sandbox, no GPU, no background requests. The
        // virtual time budget lets the page's scripts draw every chart before the page is printed.
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync", "--disable-extensions", "--hide-scrollbars", $"--user-data-dir={profile}",
                     "--no-pdf-header-footer", "--generate-pdf-document-outline", "--run-all-compositor-stages-before-draw",
                     "--virtual-time-budget=120000", "--window-size=800,1100", $"--print-to-pdf={output}", new Uri(page).AbsoluteUri,
                 })
            start.ArgumentList.Add(arg);
        if (File.Exists(output)) File.Delete(output);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Chromium did not print {page} within {Timeout.TotalMinutes} min.");
            }
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                throw new InvalidOperationException($"Chromium printed no PDF for {page} (exit {process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
