using Descent.Book;

namespace Notebooks.Tests;

/// <summary>The book's markdown: inline math found by the rule Jupyter and VS Code use, so Korean text renders too.</summary>
public class BookMarkdownTests
{
    private static (string Html, int Formulas) Render(string markdown)
    {
        var math = new MathRenderer();
        string html = new MarkdownRenderer(math).ToHtml(markdown, []);
        return (html, math.Count);
    }

    [Theory]
    [InlineData("기호: $g_t$는 스텝 $t$에서의 기울기", 2)]            // a Korean particle right after the closing $
    [InlineData("the rate $\\eta$, then $\\mu$.", 2)]
    [InlineData("$$\\theta_t = \\theta_{t-1}$$ inline display", 1)]
    [InlineData("a $ b $ c", 0)]                                    // a space after the opening $: not math
    [InlineData("costs $5 and $6 here", 0)]                         // a space before the closing $: not math
    [InlineData("$x$1 is not closed before a digit", 0)]
    [InlineData("escaped \\$ and $a \\$ b$ once", 1)]
    [InlineData("`$x$` in code", 0)]
    public void Inline_math_follows_the_notebooks_rule(string markdown, int formulas)
    {
        var (html, count) = Render(markdown);
        Assert.True(count == formulas, $"{count} formulas in {html}");
    }

    [Fact]
    public void A_formula_followed_by_a_particle_leaves_no_TeX_in_the_text()
    {
        var (html, _) = Render("$\\rho_t$는 $t$보다 조금 작다.");
        string text = System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "<math.*?</math>", "", System.Text.RegularExpressions.RegexOptions.Singleline), "<[^>]+>", "");
        Assert.DoesNotContain("$", text);
        Assert.Contains("는", text);
        Assert.Contains("보다 조금 작다", text);
    }
}
