using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Descent.Book;

/// <summary>A heading of a chapter, for its table of contents.</summary>
public sealed record Heading(int Level, string Id, string Text);

/// <summary>CommonMark (Markdig) with pipe tables, heading ids and $…$ / $$…$$ typeset by KaTeX.</summary>
public sealed partial class MarkdownRenderer(MathRenderer math)
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseMathematics()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseEmphasisExtras()
        .Build();

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
}
