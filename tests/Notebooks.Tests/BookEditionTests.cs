using System.Text.Json;
using System.Text.RegularExpressions;
using Descent.Runner;
using Microsoft.Playwright;

namespace Notebooks.Tests;

/// <summary>
/// The book's two editions: every chapter in English (the site's root) and in Korean (ko/), each page marked
/// with its language and linking to the same page in the other; the Korean pages set in a Korean font (the
/// glyphs Chromium actually drew, asked through the DevTools protocol, not the CSS asked for) with words kept
/// whole at line ends. Every Korean page also goes through <see cref="BookTests"/> (charts, formulas, overflow).
/// </summary>
[Collection("kernel")]
public partial class BookEditionTests(RepositoryFixture repository)
{
    public static TheoryData<string> KoreanPages() =>
        new(Repository.EditionNotebooks(Repository.Root(AppContext.BaseDirectory), "ko")
            .Select(n => BookSite.PageFor(Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), n))).Prepend("ko/index.html"));

    [Fact] // the rendered files only: runs without Chromium too
    public async Task Every_page_links_to_the_same_page_in_the_other_language()
    {
        var site = await repository.BookAsync();
        var english = site.Report.Chapters.Where(c => c.Edition == "en").ToList();
        var korean = site.Report.Chapters.Where(c => c.Edition == "ko").ToList();
        Assert.Equal(english.Select(c => c.NotebookFile), korean.Select(c => c.NotebookFile));
        foreach (var page in english.Select(c => c.SitePath).Prepend("index.html").Concat(korean.Select(c => c.SitePath).Prepend("ko/index.html")))
        {
            string html = await File.ReadAllTextAsync(Path.Combine(site.Folder, page));
            bool isKorean = page.StartsWith("ko/", StringComparison.Ordinal);
            Assert.Contains($"<html lang=\"{(isKorean ? "ko" : "en")}\">", html);
            var link = LanguageSwitch().Match(html);
            Assert.True(link.Success, $"{page}: no language switch");
            Assert.Equal(isKorean ? "en" : "ko", link.Groups["lang"].Value);
            // The link leads to the same page (same file name) in the other edition, and that page exists.
            string target = Path.GetFullPath(Path.Combine(site.Folder, Path.GetDirectoryName(page)!, link.Groups["href"].Value));
            Assert.Equal(Path.GetFileName(page), Path.GetFileName(target));
            Assert.True(File.Exists(target), $"{page}: the language switch leads to {target}, which does not exist");
            Assert.Equal(isKorean ? site.Folder : Path.Combine(site.Folder, "ko"), Path.GetDirectoryName(target));
        }
        // A Korean chapter's title is Korean, and its page says where its notebook is.
        foreach (var c in korean)
        {
            Assert.Matches(@"\p{IsHangulSyllables}", c.Title);
            Assert.Contains($"notebooks/ko/{c.NotebookFile}", await File.ReadAllTextAsync(Path.Combine(site.Folder, c.SitePath)));
        }
    }

    [BrowserTheory]
    [MemberData(nameof(KoreanPages))]
    public async Task A_Korean_page_is_drawn_in_a_Korean_font_with_words_kept_whole(string file)
    {
        var site = await repository.BookAsync();
        var page = await BookPresentation.OpenAsync(site, file, BookPresentation.Desktop);
        try
        {
            Assert.Equal("keep-all", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main p')).wordBreak"));
            if (file != "ko/index.html") // the slide deck's own words are Korean too
                Assert.Equal("슬라이드", await page.Locator("button.slides-toggle").TextContentAsync());
            // The fonts Chromium used for the first paragraph with Korean in it: every Hangul glyph from a Korean font.
            await page.EvaluateAsync("() => { const p = [...document.querySelectorAll('main p')].find(e => /[가-힣]/.test(e.textContent)); p.id = 'korean-probe'; }");
            var cdp = await page.Context.NewCDPSessionAsync(page);
            var document = await cdp.SendAsync("DOM.getDocument");
            int root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
            var node = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = root, ["selector"] = "#korean-probe" });
            await cdp.SendAsync("CSS.enable");
            var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
            var used = fonts!.Value.GetProperty("fonts").EnumerateArray()
                .Select(f => (Family: f.GetProperty("familyName").GetString()!, Glyphs: f.GetProperty("glyphCount").GetDouble())).ToList();
            string list = string.Join(", ", used.Select(f => $"{f.Family} ({f.Glyphs} glyphs)"));
            Assert.Contains(used, f => KoreanFont().IsMatch(f.Family) && f.Glyphs > 0);
            Assert.DoesNotContain(used, f => f.Family.Contains("Last Resort", StringComparison.OrdinalIgnoreCase));
            Assert.True(used.Count > 0, $"{file}: no font reported ({list})");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [GeneratedRegex("<a class=\"lang-switch\" href=\"(?<href>[^\"]+)\" hreflang=\"(?<lang>[a-z]+)\"")]
    private static partial Regex LanguageSwitch();

    // Noto Sans CJK KR (Linux, CI), Noto Sans KR, Apple SD Gothic Neo (iPad, Mac), Malgun Gothic (Windows).
    [GeneratedRegex("CJK KR|Sans KR|SD Gothic|Malgun", RegexOptions.IgnoreCase)]
    private static partial Regex KoreanFont();
}
