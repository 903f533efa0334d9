using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Runner;

/// <summary>
/// Ties a notebook's prose to its computation: every number written in a markdown cell must match,
/// at the precision it is written, a number that the same notebook prints or writes in its code,
/// or be declared a constant on a line the reader sees.
/// </summary>
/// <remarks>
/// <para><b>Numbers in prose.</b> Integers (<c>30</c>), decimals (<c>0.95</c>), thousands separators
/// (<c>12,800</c>: groups of exactly three digits after a first group of 1–3 digits), signs
/// (<c>−0.9</c>, <c>-50</c>: a minus sign directly before the digits, not after a letter, digit or closing
/// bracket, so <c>1 − ρ</c>, <c>1-\rho</c> and <c>1000–2000</c> carry no sign), percentages (<c>99.3%</c>),
/// scientific forms (<c>4.3 × 10⁻⁷</c>, <c>4.3·10⁻⁷</c>, <c>4.3 \times 10^{-7}</c>, <c>4.3e-7</c>,
/// <c>4.36E-07</c>, bare powers <c>10⁻³</c>, <c>10^{-3}</c>, <c>10^-3</c>), unicode superscripts
/// (<c>ρ⁹⁹⁹</c>: the exponent 999 is a number; <c>0.9⁵⁰</c>: 0.9 and 50 are two numbers), and every number
/// inside LaTeX math (<c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c>): <c>\frac{1}{1-\mu}</c> holds
/// two 1s, <c>\tfrac12</c> a 1 and a 2, <c>x^2</c> a 2, <c>{,}</c> is a thousands separator.
/// The approximation marks <c>≈</c>, <c>~</c> and words like "about" change nothing: the digits written
/// are the claim, at the precision written.</para>
/// <para><b>Precision.</b> A number matches a source number that rounds to it at the precision written,
/// i.e. at the place of its last written digit. An integer (<c>5</c>, <c>75</c>, <c>12,800</c>) is exact
/// to the unit: <c>5</c> matches 5, 5.0, 4.99999 and 5.4, not 5.6, and <c>75</c> does not match 72.5
/// (trailing zeros count: <c>2000</c> does not match 1987; write <c>2.0 × 10³</c> to claim less). A
/// decimal (<c>0.33</c>) or scientific number (<c>4.3 × 10⁻⁷</c>; a bare power <c>10⁻⁴</c> has one digit)
/// has k significant digits, from its first nonzero digit to its last written one (<c>0.010</c> has two),
/// and matches a source that rounds to it at k significant digits: <c>0.33</c> matches 0.3317,
/// <c>0.3317</c> does not match 0.329, <c>4.3 × 10⁻⁷</c> does not match 4.36E-07 (that rounds to
/// 4.4 × 10⁻⁷), <c>10⁻⁴</c> matches 0.96e-4 and 1.4e-4 but not 0.94e-4 (which rounds to 9e-5), and
/// <c>0.1</c> matches 0.096 but not 0.0848 or 0.05. Ties (a source exactly half a unit away) match either
/// way, since the source may itself be a rounded print-out. A percentage <c>p%</c> also matches the
/// fraction p/100 (<c>99.3%</c> matches 0.9934), and a percentage printed by the notebook is also a source
/// for its fraction. A number written with a minus sign needs a negative source; one written without a
/// sign matches a source of either sign (prose speaks of sizes: "a step of 0.3" for Δθ = −0.3). Numbers
/// beyond the range of double (<c>1.8 × 10³⁰⁸</c>) compare by their digits, so they still work.</para>
/// <para><b>Sources</b>, per notebook (any cell, not just nearby ones): every numeric literal in its code
/// cells (<c>1e-3</c>, <c>0.5</c>, <c>2_000</c>, <c>-7.0</c>, numbers in strings and comments), and every
/// number in its outputs: stream text, <c>text/plain</c>, <c>text/markdown</c> and <c>text/html</c> (tables
/// included) with its tags, <c>&lt;script&gt;</c> and <c>&lt;style&gt;</c> removed. Not sources: Plotly's
/// chart JSON (the <c>application/vnd.plotly…</c> and <c>application/json</c> data and the
/// <c>&lt;script&gt;</c> that carries a chart's data in HTML): a chart holds thousands of numbers, and with
/// them every claim would match something; error outputs; the markdown itself.</para>
/// <para><b>Exempt, structurally</b> (blanked before numbers are read): fenced code blocks and inline
/// code spans; link destinations, bare URLs and HTML tags; heading numbering (<c>## 3. …</c>); list
/// numbering (<c>1. …</c>, <c>2) …</c>); references after the words chapter(s), ch., section(s), §,
/// exercise(s), part(s), figure(s), fig., table(s), notebook(s), cell(s), question(s), lecture(s): after a
/// singular word one number or a range (<c>§3.2</c>, <c>section 3–5</c>, so "section 4, 500 steps" still
/// checks the 500), after a plural word a list (<c>sections 2, 3 and 5</c>); the course's chapter numbers, which
/// always have two digits and a leading zero (<c>05</c>, <c>02 §5</c>, <c>(03–05)</c>); table-of-contents
/// labels, a number followed by " · " and a word (<c>1 · the update rule · 2 · …</c>,
/// <c>05 · Adam</c>); version numbers with two or more dots (<c>6.0.0</c>) and after .NET, C# or
/// "version" (<c>.NET 10</c>, <c>C# 14</c>); digits glued after a letter,
/// which are names (<c>L2</c>, <c>β1</c>, <c>x1</c>); and subscripts, which are labels (<c>β₁</c>,
/// <c>\beta_1</c>, <c>g_{t-1}</c>, <c>\log_{10}</c>).</para>
/// <para><b>Constants on purpose.</b> A markdown line that starts with <c>Constants:</c> (optionally in
/// bold or italics, optionally in a block quote), e.g.
/// <c>*Constants:* the largest double, 1.8 × 10³⁰⁸; e ≈ 2.718</c>, declares the numbers on it for the
/// whole notebook: the line itself is not checked, and its numbers are sources like the code's. The
/// reader sees the line, so the declaration is as visible as the number.</para>
/// <para><b>Limits.</b> Sources count anywhere in the notebook, so a small integer (1, 2, 10) nearly always
/// matches something; the check bites on the decimals, scientific numbers and larger integers that carry
/// the claims. A number derived in the prose (0.04 in "v ≤ 0.04") needs to be printed, written in the
/// code, or declared.</para>
/// <para><b>Failures</b> name the notebook, the 0-based index of the markdown cell among all cells, the
/// number as written with its precision, the text around it, and the nearest source numbers (by
/// ratio) with the cell each comes from.</para>
/// </remarks>
public static partial class ProseNumbers
{
    /// <summary>A number as written in prose.</summary>
    /// <param name="Text">The number as it appears in the markdown (e.g. <c>4.3 \times 10^{-7}</c>).</param>
    /// <param name="Value">Its value, with its sign (+∞ or −∞ beyond the range of double, e.g. 1.8 × 10³⁰⁸).</param>
    /// <param name="Digits">Its digits as a whole number of units (4.3 × 10⁻⁷ → 43, 12,800 → 12800): matching
    /// works on these, so numbers beyond the range of double still compare.</param>
    /// <param name="Unit">The place of its last written digit: 10^-d for a decimal, the last significant
    /// digit's place for scientific notation.</param>
    /// <param name="SignificantDigits">k, from the first nonzero digit to the last written one; null for an integer.</param>
    /// <param name="Percent">Written with a % sign.</param>
    /// <param name="Offset">Where it starts in the cell's markdown.</param>
    /// <param name="Length">Its length in the cell's markdown.</param>
    public sealed record WrittenNumber(string Text, double Value, double Digits, double Unit, int? SignificantDigits, bool Percent, int Offset,
        int Length)
    {
        /// <summary>The precision in words: "integer", "2 decimals", "2 significant digits".</summary>
        public string Precision => SignificantDigits is int k ? $"{k} significant digit{(k == 1 ? "" : "s")}" : "integer";
    }

    /// <summary>A number the notebook prints or writes in its code.</summary>
    /// <param name="Text">As it appears in the code or output.</param>
    /// <param name="Value">Its value.</param>
    /// <param name="Cell">The 0-based index of its cell among all cells.</param>
    /// <param name="Where">"code", "output" or "constant".</param>
    public sealed record SourceNumber(string Text, double Value, int Cell, string Where)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Text} (cell {Cell} {Where})";
    }

    /// <summary>A number in prose that matches no source.</summary>
    /// <param name="Notebook">The notebook's file name.</param>
    /// <param name="Cell">The 0-based index of the markdown cell among all cells.</param>
    /// <param name="Number">The number as written.</param>
    /// <param name="Context">The text around it, with the number between »«.</param>
    /// <param name="Nearest">The closest source numbers, nearest first.</param>
    public sealed record Violation(string Notebook, int Cell, WrittenNumber Number, string Context, IReadOnlyList<SourceNumber> Nearest)
    {
        /// <inheritdoc />
        public override string ToString() =>
            $"{Notebook} cell {Cell}: {Number.Text} ({Number.Precision}) in \"{Context}\"; nearest: " +
            (Nearest.Count == 0 ? "none" : string.Join(", ", Nearest));
    }

    /// <summary>Checks an executed notebook (.ipynb with outputs): every number in its prose against its code and outputs.</summary>
    public static IReadOnlyList<Violation> Check(string executedNotebookPath)
    {
        var notebook = NotebookFile.Load(executedNotebookPath);
        return Check(Path.GetFileName(executedNotebookPath), notebook.Cells);
    }

    /// <summary>Checks a notebook given as its cells (nbformat 4 cell objects).</summary>
    public static IReadOnlyList<Violation> Check(string notebookName, IReadOnlyList<JsonObject> cells)
    {
        var sources = new List<SourceNumber>();
        var prose = new List<(int Cell, string Text, IReadOnlyList<WrittenNumber> Numbers)>();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            string text = NotebookFile.Source(cell);
            switch ((string?)cell["cell_type"])
            {
                case "markdown":
                    foreach (var c in DeclaredConstants(text)) sources.Add(new SourceNumber(c.Text, c.Value, i, "constant"));
                    prose.Add((i, text, Numbers(text)));
                    break;
                case "code":
                    sources.AddRange(SourceNumbers(text).Select(n => new SourceNumber(n.Text, n.Value, i, "code")));
                    if (cell["outputs"] is JsonArray outputs)
                        foreach (var output in outputs.OfType<JsonObject>())
                            sources.AddRange(SourceNumbers(OutputText(output)).Select(n => new SourceNumber(n.Text, n.Value, i, "output")));
                    break;
            }
        }

        var violations = new List<Violation>();
        foreach (var (cell, text, numbers) in prose)
            foreach (var number in numbers)
                if (!sources.Any(s => Matches(number, s.Value)))
                    violations.Add(new Violation(notebookName, cell, number, Context(text, number), Nearest(number, sources)));
        return violations;
    }

    /// <summary>One block of text per violation, for a test's failure message or the console.</summary>
    public static string Report(IEnumerable<Violation> violations) =>
        string.Join("\n", violations.Select(v => v.ToString()));

    /// <summary>Whether a source value matches a written number at the precision written (rules in the class remarks).</summary>
    public static bool Matches(WrittenNumber written, double source)
    {
        if (double.IsNaN(source) || double.IsInfinity(source)) return false;
        if (written.Value < 0 && source >= 0) return false;
        double s = Math.Abs(source);
        return Within(s, written) || (written.Percent && Within(s * 100, written));
    }

    private static bool Within(double s, WrittenNumber written)
    {
        double q = s / written.Unit, d = written.Digits;
        // With significant digits, a value just below a power of ten is rounded on the next finer
        // place: 0.96e-4 rounds to 1e-4 (1 digit), 0.94e-4 to 9e-5; 0.096 to 0.1, 0.08 to 0.08.
        double below = written.SignificantDigits is not null && IsPowerOfTen(d) ? 0.1 : 1;
        double slack = 1e-9 * Math.Max(d, 1);
        return q >= d - below / 2 - slack && q <= d + 0.5 + slack;
    }

    private static bool IsPowerOfTen(double digits)
    {
        if (digits <= 0) return false;
        double log = Math.Log10(digits);
        return Math.Abs(log - Math.Round(log)) < 1e-12;
    }

    // ---------------------------------------------------------------- prose

    /// <summary>The numbers a markdown cell's prose claims, after the structural exemptions and the Constants line.</summary>
    public static IReadOnlyList<WrittenNumber> Numbers(string markdown)
    {
        string masked = Mask(markdown);
        masked = ConstantsLine().Replace(masked, m => new string(' ', m.Length));
        return Tokenize(Normalize(masked), markdown, forSources: false);
    }

    /// <summary>The numbers declared on the cell's Constants lines.</summary>
    public static IReadOnlyList<WrittenNumber> DeclaredConstants(string markdown)
    {
        string masked = Mask(markdown);
        var keep = new StringBuilder(new string(' ', masked.Length));
        foreach (Match m in ConstantsLine().Matches(masked))
        {
            int body = m.Index + m.Groups["head"].Length;
            for (int i = body; i < m.Index + m.Length; i++) keep[i] = masked[i];
        }
        return Tokenize(Normalize(keep.ToString()), markdown, forSources: false);
    }

    [GeneratedRegex(@"^[ \t]*(?:>[ \t]*)*(?<head>[*_]{0,2}(?:Constants?|상수)[*_]{0,2}[ \t]*:[*_]{0,2}).*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ConstantsLine();

    /// <summary>Blanks (with spaces, so offsets keep) everything the rules exempt.</summary>
    private static string Mask(string text)
    {
        var chars = text.ToCharArray();
        void Blank(int start, int length)
        {
            for (int i = start; i < start + length && i < chars.Length; i++)
                if (chars[i] != '\n') chars[i] = ' ';
        }
        void BlankAll(Regex regex, string? group = null)
        {
            foreach (Match m in regex.Matches(new string(chars)))
            {
                if (group is null) Blank(m.Index, m.Length);
                else foreach (Capture c in m.Groups[group].Captures) Blank(c.Index, c.Length);
            }
        }
        BlankAll(FencedCode());
        BlankAll(InlineCode());
        BlankAll(HtmlComment());
        BlankAll(HtmlTag());
        BlankAll(LinkDestination(), "url");
        BlankAll(ReferenceDefinition());
        BlankAll(BareUrl());
        BlankAll(HeadingNumber(), "n");
        BlankAll(ListNumber(), "n");
        BlankAll(Reference(), "n");
        BlankAll(KoreanReference(), "n");
        BlankAll(TocLabel(), "n");
        BlankAll(Version());
        BlankAll(ProductVersion(), "n");
        return new string(chars);
    }

    [GeneratedRegex(@"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"(`+)(?!`).+?(?<!`)\1(?!`)", RegexOptions.Singleline)]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"</?[A-Za-z][^<>\n]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\](?<url>\([^)\n]*\))")]
    private static partial Regex LinkDestination();

    [GeneratedRegex(@"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"\b(?:https?|ftp|file)://\S+|\bwww\.\S+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"^[ \t]{0,3}#{1,6}[ \t]+(?<n>\d+(?:\.\d+)*\.?)", RegexOptions.Multiline)]
    private static partial Regex HeadingNumber();

    [GeneratedRegex(@"^[ \t]*(?:>[ \t]*)*(?<n>\d+[.)])(?=[ \t])", RegexOptions.Multiline)]
    private static partial Regex ListNumber();

    // A singular word names one number (and a range: "section 3–5"); a plural word a list ("chapters 02, 03 and 05").
    [GeneratedRegex(@"(?<!\p{L})(?:(?:chapter|ch\.|section|sec\.|§|exercise|ex\.|part|figure|fig\.|table|notebook|cell|question|lecture)[ \t\u00A0]*(?<n>\d+(?:\.\d+)*)(?:[ \t]*(?:–|—|-|to)[ \t]*(?<n>\d+(?:\.\d+)*))?|(?:chapters|sections|§§|exercises|parts|figures|tables|notebooks|cells|questions|lectures)[ \t\u00A0]*(?<n>\d+(?:\.\d+)*)(?:[ \t]*(?:,|and|or|&|to|–|—|-)[ \t]*(?<n>\d+(?:\.\d+)*))*)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    // The Korean edition's references: the word before the number ("연습 문제 2", "그림 3", "질문 1") or a
    // counter after it ("3절", "5–7절", "3, 5절", "3.2절", "3번 연습 문제", "4번째 셀"; "6장" for a chapter). A
    // section or chapter number has one or two digits, so a claim before a reference stays a claim ("0.1954, 9절"
    // checks 0.1954) and so does a count of sheets ("이미지 10,000장").
    [GeneratedRegex(@"(?:(?<!\p{L})(?:연습[ \t\u00A0]*문제|연습|문제|그림|표|셀|질문|강의|노트북)[ \t\u00A0]*(?<n>\d+(?:\.\d+)*)(?:[ \t]*(?:–|—|-|~)[ \t]*(?<n>\d+(?:\.\d+)*))?(?![\d.,]*\d)|(?<![\d.,])(?<n>\d{1,2}(?:\.\d{1,2})?)(?:[ \t]*(?:–|—|-|~|,)[ \t]*(?<n>\d{1,2}(?:\.\d{1,2})?))*[ \t\u00A0]*(?:절|번[ \t\u00A0]*(?:연습|문제|질문|셀)|번째[ \t\u00A0]*셀)|(?<![\d.,])(?<n>\d{1,2})[ \t\u00A0]*장)")]
    private static partial Regex KoreanReference();

    [GeneratedRegex(@"(?<![\d.,])(?<n>\d+)[ \t\u00A0]+·[ \t\u00A0]+(?=[*_""“'(]*\p{L})")]
    private static partial Regex TocLabel();

    [GeneratedRegex(@"(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*")]
    private static partial Regex Version();

    [GeneratedRegex(@"(?:\.NET|C#|\b[Vv]ersion)[ \t\u00A0]+(?<n>\d+(?:\.\d+)?)")]
    private static partial Regex ProductVersion();

    /// <summary>Text with LaTeX math rewritten to plain characters, each mapped back to its offset in the markdown.</summary>
    private sealed class Mapped
    {
        public readonly StringBuilder Text = new();
        public readonly List<int> Origin = [];

        /// <summary>Where each character's source text ends (after a closing brace that produced nothing).</summary>
        public readonly List<int> OriginEnd = [];

        public void Add(char c, int origin, int? originEnd = null)
        {
            Text.Append(c);
            Origin.Add(origin);
            OriginEnd.Add(originEnd ?? origin + 1);
        }

        public void Add(string s, int origin)
        {
            foreach (char c in s) Add(c, origin);
        }
    }

    private static Mapped Normalize(string text)
    {
        var output = new Mapped();
        int i = 0;
        while (i < text.Length)
        {
            if (TryMath(text, i, out int contentStart, out int contentEnd, out int end))
            {
                for (int k = i; k < contentStart; k++) output.Add(' ', k);
                Latex(text, contentStart, contentEnd, output);
                for (int k = contentEnd; k < end; k++) output.Add(' ', k);
                i = end;
            }
            else if (text[i] == '^' && TryCaretExponent(text, i, output, out int next))
            {
                i = next;
            }
            else
            {
                output.Add(text[i], i);
                i++;
            }
        }
        return output;
    }

    private static bool TryMath(string text, int i, out int contentStart, out int contentEnd, out int end)
    {
        contentStart = contentEnd = end = 0;
        (string open, string close)[] delimiters = [("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$")];
        if (i > 0 && text[i - 1] == '\\') return false;
        foreach (var (open, close) in delimiters)
        {
            if (string.CompareOrdinal(text, i, open, 0, open.Length) != 0) continue;
            int search = i + open.Length;
            while (true)
            {
                int j = text.IndexOf(close, search, StringComparison.Ordinal);
                if (j < 0) return false;
                if (text[j - 1] == '\\' && close == "$") { search = j + 1; continue; }
                if (open == "$" && text.AsSpan(i + 1, j - i - 1).Contains("\n\n", StringComparison.Ordinal)) return false;
                contentStart = i + open.Length;
                contentEnd = j;
                end = j + close.Length;
                return true;
            }
        }
        return false;
    }

    /// <summary><c>^{-3}</c>, <c>^(-3)</c>, <c>^-3</c>, <c>^3</c> become unicode superscripts (<c>⁻³</c>).</summary>
    private static bool TryCaretExponent(string text, int caret, Mapped output, out int next)
    {
        var m = CaretExponent().Match(text, caret);
        next = caret;
        if (!m.Success || m.Index != caret) return false;
        var sign = m.Groups["sign"];
        if (sign.Success) output.Add(sign.Value == "+" ? '⁺' : '⁻', sign.Index);
        var digits = m.Groups["digits"];
        next = m.Index + m.Length;
        for (int k = 0; k < digits.Length; k++)
            output.Add(Superscript(digits.Value[k]), digits.Index + k, k == digits.Length - 1 ? next : null);
        return true;
    }

    [GeneratedRegex(@"\^(?:\{[ ]*(?<sign>[-−+])?[ ]*(?<digits>\d+)[ ]*\}|\((?<sign>[-−+])?(?<digits>\d+)\)|(?<sign>[-−+])?(?<digits>\d+)|(?<digits>\d))")]
    private static partial Regex CaretExponent();

    private static char Superscript(char digit) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[digit - '0'];

    private static int SuperscriptValue(char c) => c switch
    {
        '⁰' => 0, '¹' => 1, '²' => 2, '³' => 3, '⁴' => 4, '⁵' => 5, '⁶' => 6, '⁷' => 7, '⁸' => 8, '⁹' => 9, _ => -1,
    };

    /// <summary>LaTeX math to plain text: commands dropped (× for \times and \cdot), subscripts blanked, exponents as superscripts.</summary>
    private static void Latex(string text, int start, int end, Mapped output)
    {
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (c == '\\')
            {
                int j = i + 1;
                while (j < end && char.IsAsciiLetter(text[j])) j++;
                if (j == i + 1)
                {
                    // \% is a percent sign; \, \; \! \: \\ \{ and the like are spacing or escapes.
                    if (j < end && text[j] == '%') output.Add('%', j);
                    else output.Add(' ', i);
                    i = Math.Min(j + 1, end);
                    continue;
                }
                string command = text[(i + 1)..j];
                if (command is "times" or "cdot") output.Add('×', i);
                else output.Add(' ', i);
                // \tfrac12: the two digits are the numerator and the denominator.
                if (command is "frac" or "tfrac" or "dfrac" or "cfrac" && j + 1 < end && char.IsAsciiDigit(text[j]) && char.IsAsciiDigit(text[j + 1]))
                {
                    output.Add(text[j], j);
                    output.Add('/', j);
                    output.Add(text[j + 1], j + 1);
                    j += 2;
                }
                i = j;
            }
            else if (c == '_')
            {
                // A subscript is a label: blank it, braces and all.
                int j = i + 1;
                while (j < end && text[j] == ' ') j++;
                if (j < end && text[j] == '{') j = MatchingBrace(text, j, end);
                else if (j < end && text[j] == '\\') { j++; while (j < end && char.IsAsciiLetter(text[j])) j++; }
                else if (j < end) j++;
                for (int k = i; k < j; k++) output.Add(' ', k);
                i = j;
            }
            else if (c == '^')
            {
                if (!TryCaretExponent(text, i, output, out int next))
                {
                    output.Add(' ', i);
                    next = i + 1;
                }
                i = next;
            }
            else if (c == '{' && i + 2 < end && text[i + 1] == ',' && text[i + 2] == '}')
            {
                output.Add(',', i + 1);
                i += 3;
            }
            else
            {
                output.Add(c is '{' or '}' or '&' or '~' ? ' ' : c, i);
                i++;
            }
        }
    }

    private static int MatchingBrace(string text, int open, int end)
    {
        int depth = 0;
        for (int k = open; k < end; k++)
        {
            if (text[k] == '{') depth++;
            else if (text[k] == '}' && --depth == 0) return k + 1;
        }
        return end;
    }

    // ---------------------------------------------------------------- tokenizer

    private static bool IsSuperscriptDigit(char c) => SuperscriptValue(c) >= 0;

    private static bool IsMinus(char c) => c is '-' or '−';

    /// <summary>
    /// Reads the numbers of normalized text. For prose (forSources false), the two-digit chapter numbers
    /// with a leading zero are skipped; for sources, every reading of a grouped number is kept
    /// (<c>1,000</c> is 1000, 1 and 0: in code it may be two arguments) and <c>_</c> separates digits.
    /// </summary>
    private static List<WrittenNumber> Tokenize(Mapped mapped, string original, bool forSources)
    {
        string t = mapped.Text.ToString();
        var origin = mapped.Origin;
        var numbers = new List<WrittenNumber>();
        int i = 0;

        WrittenNumber Make(int from, int to, double value, double digits, double unit, int? significant, bool percent)
        {
            int a = origin[from], b = mapped.OriginEnd[to - 1];
            return new WrittenNumber(original[a..b], value, digits, unit, significant, percent, a, b - a);
        }

        while (i < t.Length)
        {
            char c = t[i];
            bool glued = i > 0 && (char.IsLetter(t[i - 1]) || t[i - 1] == '_' || (t[i - 1] == '.' && i > 1 && char.IsLetter(t[i - 2])));

            // A superscript on its own: an exponent such as ρ⁹⁹⁹ or g².
            if ((IsSuperscriptDigit(c) || (c is '⁻' or '⁺' && i + 1 < t.Length && IsSuperscriptDigit(t[i + 1]))))
            {
                int start = i;
                bool minus = c == '⁻';
                if (c is '⁻' or '⁺') i++;
                long value = 0;
                while (i < t.Length && IsSuperscriptDigit(t[i])) value = value * 10 + SuperscriptValue(t[i++]);
                numbers.Add(Make(start, i, minus ? -value : value, value, 1, null, false));
                continue;
            }

            if (!char.IsAsciiDigit(c) || glued)
            {
                // Skip the rest of a glued run of digits so "L23" gives nothing.
                if (char.IsAsciiDigit(c))
                {
                    while (i < t.Length && (char.IsAsciiDigit(t[i]) || (t[i] == '.' && i + 1 < t.Length && char.IsAsciiDigit(t[i + 1])))) i++;
                }
                else
                {
                    i++;
                }
                continue;
            }

            int begin = i;
            var digits = new StringBuilder();
            var groups = new List<string>();
            // Integer part, with thousands separators (",") or, in code, "_".
            int intStart = i;
            while (i < t.Length && char.IsAsciiDigit(t[i])) digits.Append(t[i++]);
            groups.Add(digits.ToString());
            if (digits.Length <= 3 && !(digits.Length > 1 && digits[0] == '0'))
            {
                while (i < t.Length && t[i] == ',' && Three(t, i + 1) && !(i + 4 < t.Length && char.IsAsciiDigit(t[i + 4])))
                {
                    groups.Add(t.Substring(i + 1, 3));
                    digits.Append(t, i + 1, 3);
                    i += 4;
                }
            }
            if (forSources)
                while (i + 1 < t.Length && t[i] == '_' && char.IsAsciiDigit(t[i + 1]))
                {
                    i++;
                    while (i < t.Length && char.IsAsciiDigit(t[i])) digits.Append(t[i++]);
                }
            string integer = digits.ToString();
            string fraction = "";
            if (i + 1 < t.Length && t[i] == '.' && char.IsAsciiDigit(t[i + 1]) && groups.Count >= 1)
            {
                int f = i + 1;
                while (f < t.Length && (char.IsAsciiDigit(t[f]) || forSources && t[f] == '_' && f + 1 < t.Length && char.IsAsciiDigit(t[f + 1]))) f++;
                fraction = t[(i + 1)..f].Replace("_", "");
                i = f;
            }
            int plainEnd = i;

            // e-notation: 4.3e-7, 1e-12, 4.36E-07.
            int? exponent = null;
            int sciEnd = i;
            var e = ENotation().Match(t, i);
            if (e.Success && e.Index == i && (e.Index + e.Length >= t.Length || !char.IsLetterOrDigit(t[e.Index + e.Length])))
            {
                exponent = int.Parse(e.Groups["exp"].Value.Replace('−', '-'), CultureInfo.InvariantCulture);
                sciEnd = i = e.Index + e.Length;
            }
            else
            {
                // mantissa × 10⁻⁷, mantissa · 10⁻⁷, mantissa x 10⁻⁷
                var times = TimesTen().Match(t, i);
                if (times.Success && times.Index == i && groups.Count == 1)
                {
                    exponent = SuperscriptInteger(times.Groups["exp"].Value);
                    sciEnd = i = times.Index + times.Length;
                }
                else if (integer == "10" && fraction == "" && groups.Count == 1 && i < t.Length && (IsSuperscriptDigit(t[i]) || t[i] is '⁻' or '⁺'))
                {
                    // A bare power of ten: 10⁻³ is 1 × 10⁻³.
                    int s = i;
                    while (s < t.Length && (IsSuperscriptDigit(t[s]) || t[s] is '⁻' or '⁺')) s++;
                    exponent = SuperscriptInteger(t[i..s]) ;
                    integer = "1";
                    sciEnd = i = s;
                }
            }

            // Versions and dotted lists (1.2.3) are not numbers.
            if (exponent is null && i + 1 < t.Length && t[i] == '.' && char.IsAsciiDigit(t[i + 1]))
            {
                while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.')) i++;
                continue;
            }

            bool negative = begin > 0 && IsMinus(t[begin - 1]) &&
                            (begin == 1 || !(char.IsLetterOrDigit(t[begin - 2]) || t[begin - 2] is ')' or ']' or '}' or '|' or '_'));

            int end = exponent is null ? plainEnd : sciEnd;
            bool percent = false;
            int p = end;
            if (p < t.Length && t[p] is ' ' or '\u00A0' or '\u202F') p++;
            if (p < t.Length && t[p] == '%')
            {
                percent = true;
                end = p + 1;
                i = Math.Max(i, end);
            }

            // Chapter numbers: two digits with a leading zero, as the course writes them (05, 02 §5).
            if (!forSources && exponent is null && fraction == "" && groups.Count == 1 && integer.Length >= 2 && integer[0] == '0')
                continue;

            int from = negative ? begin - 1 : begin;
            double whole = double.Parse(integer + fraction, CultureInfo.InvariantCulture); // the digits as units
            string plain = integer + (fraction == "" ? "" : "." + fraction);
            if (exponent is int x)
            {
                int k = Math.Max(1, (integer + fraction).TrimStart('0').Length);
                double value = double.Parse($"{plain}e{x}", CultureInfo.InvariantCulture);
                // The place of the last significant digit: mantissa 4.3 → 0.1, times 10^x.
                double unit = Math.Pow(10, x - fraction.Length);
                numbers.Add(Make(from, end, negative ? -value : value, whole, unit, k, percent));
            }
            else
            {
                double value = double.Parse(plain, CultureInfo.InvariantCulture);
                // A decimal counts its significant digits (leading zeros do not count; 0.010 has two), an integer none.
                int? significant = fraction == "" ? null : Math.Max(1, (integer + fraction).TrimStart('0').Length);
                numbers.Add(Make(from, end, negative ? -value : value, whole, Math.Pow(10, -fraction.Length), significant, percent));
                if (forSources && groups.Count > 1)
                    foreach (var g in groups)
                    {
                        double part = double.Parse(g, CultureInfo.InvariantCulture);
                        numbers.Add(Make(begin, plainEnd, part, part, 1, null, false));
                    }
            }
        }
        return numbers;
    }

    private static bool Three(string t, int at) =>
        at + 3 <= t.Length && char.IsAsciiDigit(t[at]) && char.IsAsciiDigit(t[at + 1]) && char.IsAsciiDigit(t[at + 2]);

    private static int SuperscriptInteger(string s)
    {
        int sign = 1, value = 0;
        foreach (char c in s)
        {
            if (c == '⁻') sign = -1;
            else if (c != '⁺') value = value * 10 + SuperscriptValue(c);
        }
        return sign * value;
    }

    [GeneratedRegex(@"[eE](?<exp>[-−+]?\d+)")]
    private static partial Regex ENotation();

    [GeneratedRegex(@"[ \u00A0\u202F]*[×·x][ \u00A0\u202F]*10(?<exp>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")]
    private static partial Regex TimesTen();

    // ---------------------------------------------------------------- sources

    /// <summary>The numbers in a code cell's source or an output's text (no exemptions; digit separators and every reading of a grouped number).</summary>
    public static IReadOnlyList<WrittenNumber> SourceNumbers(string text)
    {
        var identity = new Mapped();
        for (int i = 0; i < text.Length; i++) identity.Add(text[i], i);
        var numbers = Tokenize(identity, text, forSources: true);
        // A printed percentage also stands for its fraction: 99.3% is 0.993.
        return numbers.Concat(numbers.Where(n => n.Percent).Select(n => n with { Value = n.Value / 100, Percent = false })).ToList();
    }

    /// <summary>The text of one output that counts as printed: stream text, text/plain, text/markdown, text/html without tags, scripts and styles.</summary>
    public static string OutputText(JsonObject output)
    {
        static string Join(JsonNode? node) => node switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => "",
        };
        switch ((string?)output["output_type"])
        {
            case "stream":
                return Join(output["text"]);
            case "display_data" or "execute_result" or "update_display_data":
                var data = output["data"] as JsonObject;
                if (data is null) return "";
                var parts = new List<string>();
                if (data["text/html"] is { } html) parts.Add(HtmlText(Join(html)));
                else if (data["text/markdown"] is { } markdown) parts.Add(Join(markdown));
                else if (data["text/plain"] is { } plain) parts.Add(Join(plain));
                return string.Join("\n", parts);
            default:
                return ""; // errors and anything else are not "printed by the notebook"
        }
    }

    /// <summary>The visible text of HTML: scripts (chart data), styles, comments and tags removed, entities decoded.</summary>
    public static string HtmlText(string html)
    {
        string text = ScriptOrStyle().Replace(html, " ");
        text = HtmlComment().Replace(text, " ");
        text = AnyTag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex AnyTag();

    // ---------------------------------------------------------------- report

    private static string Context(string text, WrittenNumber number)
    {
        const int around = 45;
        int a = Math.Max(0, number.Offset - around), b = Math.Min(text.Length, number.Offset + number.Length + around);
        string before = text[a..number.Offset], after = text[(number.Offset + number.Length)..b];
        string s = (a > 0 ? "…" : "") + before + "»" + number.Text + "«" + after + (b < text.Length ? "…" : "");
        return WhiteSpace().Replace(s, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private static IReadOnlyList<SourceNumber> Nearest(WrittenNumber number, List<SourceNumber> sources, int count = 3)
    {
        double logW = Math.Log(number.Digits) + Math.Log(number.Unit);
        double Distance(SourceNumber s)
        {
            double v = Math.Abs(s.Value);
            if (number.Digits == 0 || v == 0) return number.Digits == v ? 0 : double.MaxValue / 2 + Math.Abs(v) / 1e300;
            return Math.Abs(Math.Log(v) - logW);
        }
        return sources.Where(s => !double.IsNaN(s.Value) && !double.IsInfinity(s.Value))
            .OrderBy(Distance).ThenBy(s => s.Cell)
            .DistinctBy(s => s.Value)
            .Take(count).ToList();
    }
}
