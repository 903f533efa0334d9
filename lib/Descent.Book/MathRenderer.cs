using System.Reflection;
using Jint;

namespace Descent.Book;

/// <summary>
/// LaTeX → MathML with KaTeX, run at build time inside .NET (Jint), so that pages carry plain
/// MathML that browsers typeset natively (Chromium, Safari on iPad): no math script, no fonts, no
/// network. A formula KaTeX cannot parse fails the build with the formula in the message.
/// </summary>
public sealed class MathRenderer
{
    private readonly Engine engine;

    /// <summary>Loads KaTeX into a fresh JavaScript engine.</summary>
    public MathRenderer()
    {
        engine = new Engine(options => options.Strict(false));
        engine.Execute("var self = this;");
        engine.Execute(Resources.Text("katex.min.js"));
        engine.Execute("""
            function renderMath(tex, display) {
              return katex.renderToString(tex, { displayMode: display, output: 'mathml', throwOnError: true, strict: 'ignore' });
            }
            """);
    }

    /// <summary>How many formulas have been rendered.</summary>
    public int Count { get; private set; }

    /// <summary>Renders one formula; <paramref name="display"/> for a block ($$…$$).</summary>
    public string ToMathML(string tex, bool display)
    {
        try
        {
            string html = engine.Invoke("renderMath", tex, display).AsString();
            Count++;
            return html;
        }
        catch (Jint.Runtime.JavaScriptException e)
        {
            throw new FormatException($"KaTeX cannot typeset {(display ? "$$" : "$")}{tex}{(display ? "$$" : "$")}: {e.Message}", e);
        }
    }
}

/// <summary>The files embedded in this assembly (KaTeX, the stylesheet, the page script) and plotly.js from Plotly.NET.</summary>
public static class Resources
{
    /// <summary>An embedded text file by its logical name.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(Resources).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"missing embedded resource {name}");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The plotly.js that Plotly.NET ships inside its assembly, and its file name (with the version).</summary>
    public static (string FileName, string Source) PlotlyJs()
    {
        Assembly plotly = typeof(Plotly.NET.GenericChart).Assembly;
        string name = plotly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = plotly.GetManifestResourceStream(name)!;
        return (name["Plotly.NET.".Length..], new StreamReader(stream).ReadToEnd());
    }
}
