using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace Descent.Notebook;

/// <summary>
/// The last line of every notebook's setup cell. Touching the library here also runs its module
/// initializer (the FSharp.Core fix) before any chart is drawn; then the notebook formatters are
/// registered so that a trajectory displays as a readable summary.
/// </summary>
public static class NotebookSetup
{
    private static bool formattersRegistered;

    /// <summary>Prepares the notebook session and says what is ready.</summary>
    public static void Run()
    {
        FSharpCoreResolver.Install();
        if (!formattersRegistered)
        {
            Formatter.Register<Trajectory>((run, writer) => writer.Write(TrajectoryHtml(run)), HtmlFormatter.MimeType);
            Formatter.Register<Trajectory>((run, writer) => writer.Write(run.Summary), PlainTextFormatter.MimeType);
            formattersRegistered = true;
        }
        Console.WriteLine($"Descent {typeof(NotebookSetup).Assembly.GetName().Version} ready (FSharp.Core fix: {(FSharpCoreResolver.IsInstalled ? "on" : "off")}).");
    }

    /// <summary>A small HTML table: what ran where, where it ended, and whether it blew up.</summary>
    public static string TrajectoryHtml(Trajectory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<table class=\"descent-trajectory\"><tbody>");
        void Row(string key, string value) => html.Append($"<tr><th style=\"text-align:left\">{E(key)}</th><td>{E(value)}</td></tr>");
        Row("run", run.Label);
        Row("landscape", run.Landscape.Name);
        Row("steps", run.Steps.ToString(CultureInfo.InvariantCulture));
        Row("start", run.Points[0].ToString());
        Row("final point", run.Final.ToString());
        Row("final f", N(run.FinalLoss));
        Row("distance to minimum", N(run.DistanceToMinimum));
        Row("status", run.Diverged ? $"diverged at step {run.DivergedAtStep}: {run.Divergence}" : "finite throughout");
        html.Append("</tbody></table>");
        return html.ToString();
    }
}
