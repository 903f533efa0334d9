using ColorCode;

namespace Descent.Book;

/// <summary>C# syntax highlighting with ColorCode: class names only, the colours live in book.css (light and dark).</summary>
public sealed class CodeHighlighter
{
    private readonly HtmlClassFormatter formatter = new();

    /// <summary>The highlighted code, as a &lt;pre&gt; block.</summary>
    public string CSharp(string code) => formatter.GetHtmlString(code, Languages.CSharp);
}
