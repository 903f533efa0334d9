using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The prose-number checker's rules, without a kernel: what it reads as a number, what it exempts, what matches.</summary>
public class ProseNumberRuleTests
{
    private static double[] Values(string markdown) => ProseNumbers.Numbers(markdown).Select(n => n.Value).ToArray();

    private static ProseNumbers.WrittenNumber One(string markdown) => Assert.Single(ProseNumbers.Numbers(markdown));

    private static bool Matches(string written, double source) => ProseNumbers.Matches(One(written), source);

    // ------------------------------------------------------------ tokenizer

    [Fact]
    public void Reads_integers_decimals_and_lists() =>
        Assert.Equal([0.2, 0.99, 30, 7, 2], Values("η = 0.2, ρ = 0.99, 30 steps from (7, 2)."));

    [Fact]
    public void Reads_thousands_separators_in_prose_and_latex()
    {
        Assert.Equal([12800, 199], Values("12,800 samples in 199 ms"));
        Assert.Equal([12800], Values("$12{,}800$"));
        Assert.Equal([0.99, 0.9], Values("ρ = 0.99, 0.9 next")); // a comma and a space is a list, not a separator
    }

    [Fact]
    public void Reads_signs_only_where_they_are_signs()
    {
        Assert.Equal([-7, 2], Values("from (−7, 2)"));
        Assert.Equal([-50], Values("$-50$"));
        Assert.Equal([-0.9], Values("the factor is −0.9"));
        Assert.Equal([1], Values("the weight 1 − ρ"));
        Assert.Equal([1], Values("$1-\\rho$"));
        Assert.Equal([1000, 2000], Values("steps 1000–2000"));
        Assert.Equal([1000, 2000], Values("steps 1000-2000"));
    }

    [Fact]
    public void Reads_percentages()
    {
        var n = One("accuracy 99.3% at the end");
        Assert.Equal(99.3, n.Value);
        Assert.True(n.Percent);
        Assert.Equal("99.3%", n.Text);
        Assert.True(One("a 10 % drop").Percent);
        Assert.True(One("$10\\%$").Percent);
    }

    [Theory]
    [InlineData("4.3 × 10⁻⁷", 4.3e-7, 2)]
    [InlineData("4.3·10⁻⁷", 4.3e-7, 2)]
    [InlineData("4.3 x 10⁻⁷", 4.3e-7, 2)]
    [InlineData("$4.3 \\times 10^{-7}$", 4.3e-7, 2)]
    [InlineData("$4.3 \\cdot 10^{-7}$", 4.3e-7, 2)]
    [InlineData("4.3e-7", 4.3e-7, 2)]
    [InlineData("ε = 1e-12", 1e-12, 1)]
    [InlineData("4.36E-07", 4.36e-7, 3)]
    [InlineData("$10^{-3}$", 1e-3, 1)]
    [InlineData("from $10^{-4}$ to", 1e-4, 1)]
    [InlineData("10^-3", 1e-3, 1)]
    [InlineData("10⁻³", 1e-3, 1)]
    [InlineData("$10^2$", 100, 1)]
    [InlineData("up to $10^{308}$", 1e308, 1)]
    [InlineData("1.7 × 10³⁰⁸", 1.7e308, 2)]
    public void Reads_scientific_forms(string text, double value, int digits)
    {
        var n = One(text);
        Assert.Equal(value, n.Value, value * 1e-12);
        Assert.Equal(digits, n.SignificantDigits);
    }

    [Fact]
    public void A_number_beyond_the_range_of_double_still_matches_at_its_precision()
    {
        var largest = One("the largest double, 1.8 × 10³⁰⁸");
        Assert.Equal(double.PositiveInfinity, largest.Value);
        Assert.True(ProseNumbers.Matches(largest, double.MaxValue));
        Assert.False(ProseNumbers.Matches(largest, 1.6e308));
        Assert.False(ProseNumbers.Matches(largest, double.PositiveInfinity));
    }

    [Fact]
    public void Reads_superscripts_as_numbers()
    {
        Assert.Equal([0.99, 999], Values("0.99⁹⁹⁹"));
        Assert.Equal([999], Values("ρ⁹⁹⁹"));
        Assert.Equal([0.9, 50], Values("0.9⁵⁰"));
        Assert.Equal([2], Values("$x^2$"));
        Assert.Equal([-1], Values("λ⁻¹"));
    }

    [Fact]
    public void Reads_the_numbers_of_latex_fractions_and_formulas()
    {
        Assert.Equal([1, 1], Values("$\\frac{1}{1-\\mu}$"));
        Assert.Equal([1, 2], Values("$\\tfrac12$"));
        Assert.Equal([0.01, 0.99], Values("$v_k = 0.01 + 0.99\\,\\rho^k$"));
        Assert.Equal([2, 2], Values("$$\\eta < \\frac{2}{\\lambda}, \\quad x^2$$"));
        Assert.Equal([100, 0.01, 0.03], Values("$\\ln\\frac{100 - 0.01}{0.03}$"));
    }

    [Fact]
    public void Subscripts_are_labels()
    {
        Assert.Empty(Values("$\\beta_1$, β₁, $g_{t-1}$, $\\log_{10}$, $\\theta_{t}$"));
        Assert.Equal([1], Values("$\\sum_{k=0}^{t-1}$")); // the lower limit is a subscript; t−1 holds a 1
    }

    [Fact]
    public void Digits_glued_to_a_letter_are_names() => Assert.Empty(Values("L2 penalty, β1 and x1, net10, Q3."));

    [Fact]
    public void Tokens_keep_their_text_and_offset()
    {
        const string text = "step 1's weight: $4.3 \\times 10^{-7}$ in RMSProp";
        var n = ProseNumbers.Numbers(text)[1];
        Assert.Equal("4.3 \\times 10^{-7}", n.Text);
        Assert.Equal(text.IndexOf("4.3", StringComparison.Ordinal), n.Offset);
    }

    // ------------------------------------------------------------ exemptions

    [Theory]
    [InlineData("## 3. When the gradient's scale changes")]
    [InlineData("# 04 · RMSProp: forget the distant past")]
    [InlineData("as in chapter 05")]
    [InlineData("as in 02 §5")]
    [InlineData("see section 3 and §3.2")]
    [InlineData("**Exercise 2.** Solve it")]
    [InlineData("the book's ch. 6")]
    [InlineData("Deep Learning from Scratch, chapter 6 (optimization)")]
    [InlineData("chapters 02 and 03; sections 2, 3 and 5; (03–05)")]
    [InlineData("**In this chapter:** 1 · the update rule · 2 · \"too much of the past\" · 10 · summary")]
    [InlineData("Next: **05 · Adam** = momentum")]
    [InlineData("[chapter two](02-momentum.ipynb#5-stability) and [docs](https://example.org/v2/page?x=3)")]
    [InlineData("see https://example.org/a/12/b")]
    [InlineData("the cell `StepDecay(0.1, 30)` and ``x = 2``")]
    [InlineData("1. first\n2) second\n   10. tenth")]
    [InlineData("plotly.js 2.28.0, KaTeX 0.19.1")]
    [InlineData("needs only the .NET 10 SDK and C# 14; version 2")]
    [InlineData("```\nvar x = 0.5;\n```")]
    [InlineData("<img width=\"300\" src=\"a.png\">")]
    // The Korean edition's references: a word before the number, or a counter after it.
    [InlineData("**연습 문제 2.** 풀어 보자")]
    [InlineData("그림 3과 표 2, 질문 1")]
    [InlineData("3절에서 본 것처럼, 5–7절과 3, 5절, 그리고 3.2절")]
    [InlineData("책의 6장에서")]
    [InlineData("3번 연습 문제와 4번째 셀")]
    [InlineData("**이 장에서:** 1 · 갱신 규칙 · 2 · 곡률 · 10 · 정리")]
    public void Exempt_structures_give_no_numbers(string text) => Assert.Empty(Values(text));

    [Fact]
    public void A_Korean_reference_does_not_swallow_a_quantity_before_or_after_it()
    {
        Assert.Equal([0.1954], Values("0.1954, 9절의 결과"));
        Assert.Equal([0.1954], Values("0.1954이며, 9절의 결과"));
        Assert.Equal([10000], Values("이미지 10,000장"));
        Assert.Equal([500], Values("4절, 500스텝"));
        Assert.Equal([300], Values("그림 3, 300스텝"));
    }

    [Fact]
    public void A_reference_does_not_swallow_the_quantity_after_it() =>
        Assert.Equal([500], Values("as in section 4, 500 steps"));

    [Fact]
    public void A_constants_line_declares_its_numbers_and_is_not_checked()
    {
        const string text = "*Constants:* the largest double, 1.8 × 10³⁰⁸; e ≈ 2.718\nAbove 1.8 × 10³⁰⁸ a double overflows.";
        Assert.Equal(["1.8 × 10³⁰⁸", "2.718"], ProseNumbers.DeclaredConstants(text).Select(n => n.Text));
        Assert.Equal(["1.8 × 10³⁰⁸"], ProseNumbers.Numbers(text).Select(n => n.Text));
        Assert.Empty(ProseNumbers.DeclaredConstants("Above 1.8 × 10³⁰⁸ a double overflows."));
        Assert.Equal([1.5], ProseNumbers.DeclaredConstants("> **Constants:** 1.5").Select(n => n.Value));
        Assert.Equal(["1.8 × 10³⁰⁸"], ProseNumbers.DeclaredConstants("*상수:* 가장 큰 double, 1.8 × 10³⁰⁸").Select(n => n.Text));
    }

    // ------------------------------------------------------------ matching

    [Theory]
    [InlineData("0.33", 0.3317, true)]
    [InlineData("0.3317", 0.329, false)] // 07 §3: η = 0.3317 against the check line 0.329
    [InlineData("0.329", 0.3294, true)]
    [InlineData("75", 72.5, false)] // 06: "the predicted ~75" against 72.5
    [InlineData("~75", 72.5, false)]
    [InlineData("≈ 72", 72.5, true)] // a tie: the source may itself be rounded
    [InlineData("~75", 75.2, true)]
    [InlineData("4.3 × 10⁻⁷", 4.36e-7, false)] // 04's summary against the output 4.36E-07
    [InlineData("4.4 × 10⁻⁷", 4.36e-7, true)]
    [InlineData("4.36e-7", 4.36e-7, true)]
    [InlineData("4.3e-7", 4.36e-7, false)]
    [InlineData("5", 5, true)]
    [InlineData("5", 5.0, true)]
    [InlineData("5", 4.99999, true)]
    [InlineData("5", 5.4, true)]
    [InlineData("5", 5.6, false)]
    [InlineData("5", 6, false)]
    [InlineData("12,800", 12800, true)]
    [InlineData("12,800", 12801, false)]
    [InlineData("10⁻⁴", 0.96e-4, true)]
    [InlineData("10⁻⁴", 1.4e-4, true)]
    [InlineData("10⁻⁴", 0.94e-4, false)] // rounds to 9e-5 at one significant digit
    [InlineData("10⁻⁴", 1.6e-4, false)]
    [InlineData("1e-12", 1e-12, true)]
    [InlineData("0.01", 0.014, true)] // one significant digit
    [InlineData("0.010", 0.014, false)] // two significant digits
    [InlineData("0.1", 0.096, true)]
    [InlineData("0.1", 0.0848, false)] // rounds to 0.08 at one significant digit
    [InlineData("0.1", 0.05, false)]
    [InlineData("1.0", 0.99, false)] // 0.99 at two significant digits
    [InlineData("1.0", 0.996, true)]
    [InlineData("0.3", 0.25, true)] // a tie
    [InlineData("100", 99.7, true)] // an integer is exact to the unit
    [InlineData("100", 99.4, false)]
    [InlineData("99.3%", 99.3, true)]
    [InlineData("99.3%", 0.9934, true)]
    [InlineData("99.3%", 0.995, false)]
    [InlineData("−0.9", -0.9, true)]
    [InlineData("−0.9", 0.9, false)] // a written sign needs a negative source
    [InlineData("0.9", -0.9, true)] // a size matches either sign
    [InlineData("2000", 1987, false)]
    public void Matches_at_the_precision_written(string written, double source, bool expected) =>
        Assert.Equal(expected, Matches(written, source));

    [Fact]
    public void Not_a_number_and_infinity_match_nothing()
    {
        Assert.False(Matches("5", double.NaN));
        Assert.False(Matches("$10^{308}$", double.PositiveInfinity));
    }

    [Fact]
    public void A_printed_percentage_is_a_source_for_its_fraction() =>
        Assert.Contains(ProseNumbers.SourceNumbers("accuracy 99.3%"), n => Math.Abs(n.Value - 0.993) < 1e-12);

    [Fact]
    public void Code_literals_are_sources()
    {
        var values = ProseNumbers.SourceNumbers("double eta = 1e-3, x = 0.5; int n = 2_000; double[] p = [-7.0, 2.0]; var y = a - 1; f(x1);")
            .Select(n => n.Value).ToList();
        Assert.Equal([1e-3, 0.5, 2000, -7.0, 2.0, 1], values);
    }

    [Fact]
    public void Html_text_drops_tags_scripts_and_styles()
    {
        string text = ProseNumbers.HtmlText("<style>td{width:100px}</style><table><tr><td>0.329</td><td>&minus;1</td></tr></table>" +
                                            "<div id=\"c1\"></div><script>var data=[{\"y\":[72.5,75]}];</script>");
        Assert.Contains("0.329", text);
        Assert.DoesNotContain("72.5", text);
        Assert.DoesNotContain("100", text);
        Assert.Contains("−1", text);
    }

    // ------------------------------------------------------------ a whole notebook

    private static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["source"] = text };

    private static JsonObject Code(string text, params JsonObject[] outputs) =>
        new() { ["cell_type"] = "code", ["source"] = text, ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()) };

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    private static JsonObject Display(string mime, string text) =>
        new() { ["output_type"] = "display_data", ["data"] = new JsonObject { [mime] = text } };

    [Fact]
    public void Finds_the_readers_three_defects_and_says_where_and_what_is_near()
    {
        var cells = new List<JsonObject>
        {
            Code("for (int t = 1; t <= 1000; t++) { }", Stream("✔ RMSProp: weight 4.36E-07 at step 1000\n")),
            Markdown("## 8. Summary\n\nstep 1's gradient at step 1000: $4.3 \\times 10^{-7}$ in RMSProp"),
            Code("", Stream("✔ SGD needed 72.5 steps on average\n")),
            Markdown("SGD needs the predicted ~75."),
            Code("", Display("text/html", "<div>✔ the range test picks η = 0.329</div>")),
            Markdown("| η = 0.3317 | picked by the range test |"),
        };
        var violations = ProseNumbers.Check("demo.ipynb", cells);
        Assert.Equal(["4.3 \\times 10^{-7}", "75", "0.3317"], violations.Select(v => v.Number.Text));
        Assert.Equal([1, 3, 5], violations.Select(v => v.Cell));
        var first = violations[0];
        Assert.Equal("4.36E-07 (cell 0 output)", first.Nearest[0].ToString());
        Assert.Contains("»4.3 \\times 10^{-7}«", first.Context);
        Assert.Equal("72.5 (cell 2 output)", violations[1].Nearest[0].ToString());
        Assert.Equal("0.329 (cell 4 output)", violations[2].Nearest[0].ToString());
        Assert.StartsWith("demo.ipynb cell 1: 4.3 \\times 10^{-7} (2 significant digits) in \"", first.ToString());
    }

    [Fact]
    public void Chart_data_is_not_a_source()
    {
        var cells = new List<JsonObject>
        {
            Code("Plot.Lines(xs, ys)",
                Display("text/html", "<div id=\"p\"></div><script type=\"text/javascript\">var data = [{\"y\":[0.3317, 75]}];</script>"),
                Display("application/vnd.plotly.v1+json", "{\"data\":[{\"y\":[0.3317, 75]}]}")),
            Markdown("η = 0.3317 and 75"),
        };
        Assert.Equal(2, ProseNumbers.Check("demo.ipynb", cells).Count);
    }

    [Fact]
    public void Error_outputs_are_not_sources()
    {
        var error = new JsonObject { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = "0.3317", ["traceback"] = new JsonArray() };
        Assert.Single(ProseNumbers.Check("demo.ipynb", [Code("", error), Markdown("η = 0.3317")]));
    }

    [Fact]
    public void Numbers_in_code_and_outputs_satisfy_the_prose()
    {
        var cells = new List<JsonObject>
        {
            Markdown("From scratch on the bowl with η = 0.2, ρ = 0.99, ε = 1e-8, 30 steps; accuracy 99.3%; $10^{-3}$."),
            Code("double eta = 0.2, rho = 0.99, eps = 1e-8; for (int t = 1; t <= 30; t++) { } var tol = 1e-3;",
                Display("text/plain", "accuracy 0.9931")),
        };
        Assert.Empty(ProseNumbers.Check("demo.ipynb", cells));
    }

    [Fact]
    public void A_declared_constant_is_accepted_and_an_undeclared_one_is_not()
    {
        var undeclared = new List<JsonObject> { Markdown("Past 1.8 × 10³⁰⁸ a double overflows to ∞.") };
        Assert.Single(ProseNumbers.Check("demo.ipynb", undeclared));
        var declared = new List<JsonObject>
        {
            Markdown("*Constants:* the largest double, 1.7976931348623157 × 10³⁰⁸."),
            Markdown("Past 1.8 × 10³⁰⁸ a double overflows to ∞."),
        };
        Assert.Empty(ProseNumbers.Check("demo.ipynb", declared));
    }
}
