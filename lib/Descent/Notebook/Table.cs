using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Descent.Notebook;

/// <summary>
/// Rows of objects as a plain HTML table, one column per public property, numbers formatted
/// compactly. (The kernel's default view of a list of objects is a tree per row, hard to read.)
/// </summary>
public static class Table
{
    /// <summary>Builds the table; anonymous objects work well: <c>Table.Of(xs.Select(x => new { η = x, steps = … }))</c>.</summary>
    public static IHtmlContent Of<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var html = new StringBuilder("<table class=\"descent-table\"><thead><tr>");
        foreach (var c in columns) html.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var c in columns) html.Append("<td>").Append(WebUtility.HtmlEncode(Format(c.GetValue(row)))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return new HtmlString(html.ToString());
    }

    /// <summary>How a cell value is shown: doubles with 4 significant digits, the rest as text.</summary>
    public static string Format(object? value) => value switch
    {
        null => "—",
        double d when double.IsPositiveInfinity(d) => "∞",
        double d when double.IsNaN(d) => "NaN",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
