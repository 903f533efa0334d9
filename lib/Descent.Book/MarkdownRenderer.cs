using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Descent.Book;

/// <summary>A heading of a chapter, for its table of contents.</summary>
public sealed record Heading(int Level, string Id, string Text);

/// <summary>CommonMark (Markdig) with pipe tables, heading ids and $…$ / $$…$$ typeset by KaTeX.</summary>
public sealed partial class MarkdownRenderer(MathRenderer math)
{
    private readonly MarkdownPipeline pipeline = Pipeline();

    private static MarkdownPipeline Pipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseMathematics()
            .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
            .UseEmphasisExtras();
        // Inline math by the rule Jupyter and VS Code render it with, not Markdig's emphasis-like one, so a
        // Korean particle right after a formula ("$g_t$는") still closes it (see DollarMathParser).
        builder.Extensions.Add(new DollarMathExtension());
        return builder.Build();
    }

    /// <summary>Registered after Markdig's math extension, so its set-up runs last and swaps the inline parser.</summary>
    private sealed class DollarMathExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            if (!pipeline.InlineParsers.Replace<MathInlineParser>(new DollarMathParser()))
                throw new InvalidOperationException("Markdig's math extension must be set up before DollarMathExtension");
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
    }

    /// <summary>Renders one markdown cell; its headings are added to <paramref name="headings"/>.</summary>
    public string ToHtml(string markdown, List<Heading> headings)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new InlineMath(math));
        renderer.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new BlockMath(math));
        renderer.Render(document);
        string html = writer.ToString();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            string? id = heading.GetAttributes().Id;
            if (id is null) continue;
            var match = Regex.Match(html, $"<h{heading.Level} id=\"{Regex.Escape(id)}\">(.*?)</h{heading.Level}>", RegexOptions.Singleline);
            string text = WebUtility.HtmlDecode(Tags().Replace(match.Success ? match.Groups[1].Value : id, ""));
            headings.Add(new Heading(heading.Level, id, text.Trim()));
        }
        return html;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private sealed class InlineMath(MathRenderer math) : HtmlObjectRenderer<MathInline>
    {
        private const int LongInline = 40;

        protected override void Write(HtmlRenderer renderer, MathInline obj)
        {
            bool display = obj.DelimiterCount > 1;
            string mathml = math.ToMathML(obj.Content.ToString(), display);
            // A wide formula scrolls inside its own box instead of widening the page on a phone. Short
            // inline formulas stay plain, on the text's baseline (a scrolling box would move them).
            string tex = obj.Content.ToString();
            renderer.Write(display ? $"<span class=\"math-display\">{mathml}</span>"
                : tex.Length > LongInline ? $"<span class=\"math-long\">{mathml}</span>" : mathml);
        }
    }

    private sealed class BlockMath(MathRenderer math) : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj) =>
            renderer.Write("<div class=\"math-display\">").Write(math.ToMathML(obj.Lines.ToString(), display: true)).Write("</div>");
    }

    /// <summary>
    /// <c>$…$</c> and <c>$$…$$</c> inside a paragraph, by the rule of Pandoc's <c>tex_math_dollars</c> that
    /// the notebooks' own renderers (Jupyter, VS Code) follow: the opening <c>$</c> is followed by a
    /// non-space, the closing one preceded by a non-space and not followed by a digit, on one line, <c>\$</c>
    /// escaped. Markdig's own parser also refuses a closing <c>$</c> followed by a letter, which leaves
    /// every formula followed by a Korean particle ("$g_t$는", "$t$에서") as raw TeX.
    /// </summary>
    private sealed class DollarMathParser : InlineParser
    {
        public DollarMathParser() => OpeningCharacters = ['$'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            char before = slice.PeekCharExtra(-1);
            if (before is '$' or '\\') return false;
            int startPosition = slice.Start;
            int open = slice.PeekCharExtra(1) == '$' ? 2 : 1;
            string text = slice.Text;
            int contentStart = slice.Start + open, end = slice.End;
            if (contentStart > end || (open == 1 && char.IsWhiteSpace(text[contentStart]))) return false;
            for (int i = contentStart; i <= end; i++)
            {
                char c = text[i];
                if (c is '\n' or '\r') return false;
                if (c == '\\') { i++; continue; }
                if (c != '$') continue;
                int run = 1;
                while (i + run <= end && text[i + run] == '$') run++;
                if (run != open || i == contentStart) return false;
                if (open == 1 && char.IsWhiteSpace(text[i - 1])) return false;
                char after = i + run <= end ? text[i + run] : '\0';
                if (char.IsAsciiDigit(after)) return false;
                var inline = new MathInline
                {
                    Span = new SourceSpan(processor.GetSourcePosition(startPosition, out int line, out int column),
                        processor.GetSourcePosition(i + run - 1)),
                    Line = line,
                    Column = column,
                    Delimiter = '$',
                    DelimiterCount = open,
                    Content = new StringSlice(text, contentStart, i - 1),
                };
                inline.GetAttributes().AddClass("math");
                processor.Inline = inline;
                slice.Start = i + run;
                return true;
            }
            return false;
        }
    }
}
