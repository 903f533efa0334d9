using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Descent.Notebook;

/// <summary>
/// The host of a chapter run as a .NET file-based app (<c>dotnet run out/apps/NN-….cs</c>, the
/// runner's <c>--engine app</c>), without the .NET Interactive kernel. The generated app calls
/// <see cref="Start"/> once, <see cref="Cell"/> before each notebook cell and <see cref="Result"/>
/// with a cell's trailing expression; the host does what the kernel would: it captures what the
/// cell writes to the console (and still prints it), formats displayed values with the same .NET
/// Interactive formatters (the library's own, charts as the Plotly.NET.Interactive formatter writes
/// them, the defaults for the rest) and writes every cell's outputs, in nbformat's shape, to
/// <c>NN-….outputs.jsonl</c> beside the app (one JSON object per line: a cell's start, then its
/// outputs; the runner merges them into the executed notebook). At the end, or when a cell throws,
/// the charts drawn so far are written to <c>NN-….html</c> beside the app, a page that opens offline.
/// </summary>
public static partial class AppHost
{
    private static readonly Lock Gate = new();
    private static StreamWriter? log;
    private static string chartsPath = "";
    private static int cellIndex = -1, executionCount;
    private static JsonArray outputs = [];
    private static readonly List<string> ChartSpecs = [];
    private static bool finished;

    /// <summary>Whether <see cref="Start"/> ran (the process is a generated app, not a kernel).</summary>
    public static bool IsRunning { get; private set; }

    /// <summary>
    /// Starts the host: the working directory becomes the notebook's folder (as in the kernel),
    /// the console is captured, the chart formatter is registered, the outputs file is opened.
    /// </summary>
    /// <param name="notebookFolder">The notebook's folder, relative to the app's own folder.</param>
    /// <param name="appFile">The app's source file (filled in by the compiler).</param>
    public static void Start(string notebookFolder, [CallerFilePath] string appFile = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookFolder);
        ArgumentException.ThrowIfNullOrEmpty(appFile);
        if (IsRunning) throw new InvalidOperationException("AppHost.Start was called twice.");
        IsRunning = true;
        string appFolder = Path.GetDirectoryName(Path.GetFullPath(appFile))!;
        string stem = Path.Combine(appFolder, Path.GetFileNameWithoutExtension(appFile));
        chartsPath = stem + ".html";
        log = new StreamWriter(stem + ".outputs.jsonl", append: false, new UTF8Encoding(false)) { AutoFlush = true };
        Environment.CurrentDirectory = Path.GetFullPath(notebookFolder, appFolder);
        Console.OutputEncoding = Encoding.UTF8;
        Console.SetOut(new CapturingWriter(Console.Out, "stdout"));
        Console.SetError(new CapturingWriter(Console.Error, "stderr"));
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml(chart)), HtmlFormatter.MimeType);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject as Exception);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Finish();
    }

    /// <summary>Ends the previous cell and starts notebook cell <paramref name="index"/> (0-based among all cells).</summary>
    /// <param name="index">The cell's index in the notebook.</param>
    /// <param name="count">Its execution count (1-based among the code cells).</param>
    public static void Cell(int index, int count)
    {
        lock (Gate)
        {
            EndCell();
            cellIndex = index;
            executionCount = count;
            outputs = [];
            Write(new JsonObject { ["cell"] = index, ["count"] = count, ["event"] = "start" });
        }
    }

    /// <summary>A cell's trailing expression: shown as the kernel shows a return value.</summary>
    public static void Result(object? value)
    {
        var data = Format(value, []);
        lock (Gate)
            outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result", ["data"] = data, ["metadata"] = new JsonObject(), ["execution_count"] = executionCount,
            });
    }

    /// <summary>What <c>display(value)</c> does in the kernel: shows the value now, and returns a handle to update it.</summary>
    public static AppDisplayedValue Display(object? value, params string[] mimeTypes)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Format(value, mimeTypes), ["metadata"] = new JsonObject() };
        lock (Gate) outputs.Add(output);
        return new AppDisplayedValue(mimeTypes);
    }

    /// <summary>
    /// An update of a displayed value, written as the kernel engine records it: the first update
    /// adds one output after the original display, later updates replace that output's value.
    /// </summary>
    internal static void Update(AppDisplayedValue handle, object? value)
    {
        var data = Format(value, handle.MimeTypes);
        lock (Gate)
        {
            if (handle.UpdateOutput is { } existing && outputs.Contains(existing))
            {
                existing["data"] = data;
                return;
            }
            handle.UpdateOutput = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
            outputs.Add(handle.UpdateOutput);
        }
    }

    /// <summary>Ends the last cell and writes the charts page (also runs at process exit).</summary>
    public static void Finish()
    {
        lock (Gate)
        {
            if (finished || !IsRunning) return;
            finished = true;
            EndCell();
            WriteChartsPage();
            log?.Dispose();
        }
    }

    /// <summary>The HTML of a chart, as Plotly.NET.Interactive's formatter writes it in the kernel.</summary>
    public static string ChartHtml(GenericChart chart)
    {
        var require = PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min");
        var styled = Chart.withDisplayOptionsStyle(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(require)).Invoke(chart);
        return GenericChart.toChartHTML(styled);
    }

    private static JsonObject Format(object? value, string[] mimeTypes)
    {
        var types = mimeTypes.Length > 0 ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value?.GetType()).ToArray();
        var data = new JsonObject();
        foreach (var mime in types)
        {
            string text = value.ToDisplayString(mime);
            data[mime] = text;
            if (mime == HtmlFormatter.MimeType && PlotlyCall().Match(text) is { Success: true } chart)
                lock (Gate)
                    ChartSpecs.Add($"{{\"data\":{chart.Groups["data"].Value},\"layout\":{chart.Groups["layout"].Value},\"config\":{chart.Groups["config"].Value}}}");
        }
        return data;
    }

    private static void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (Gate)
        {
            if (cellIndex < 0) return;
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
                last["text"] = (string?)last["text"] + text;
            else
                outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    private static void Fail(Exception? e)
    {
        lock (Gate)
        {
            string message = e is null ? "the app failed" : $"{e.GetType().FullName}: {e.Message}";
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error", ["ename"] = e?.GetType().Name ?? "Error", ["evalue"] = message,
                ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            });
            if (cellIndex >= 0) Write(new JsonObject { ["cell"] = cellIndex, ["count"] = executionCount, ["outputs"] = outputs, ["error"] = message });
            cellIndex = -1;
        }
        Finish();
    }

    private static void EndCell()
    {
        if (cellIndex < 0) return;
        Write(new JsonObject { ["cell"] = cellIndex, ["count"] = executionCount, ["outputs"] = outputs });
        cellIndex = -1;
    }

    private static void Write(JsonObject line) => log?.WriteLine(line.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));

    private static void WriteChartsPage()
    {
        if (chartsPath.Length == 0) return;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(chartsPath)))
            .Append("</title>\n<script>").Append(PlotlyJs().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("</script></head>\n<body>\n");
        for (int i = 0; i < ChartSpecs.Count; i++)
            html.Append($"<div id=\"chart-{i + 1}\"></div>\n<script>(function(s){{Plotly.newPlot('chart-{i + 1}', s.data, s.layout, s.config);}})(")
                .Append(ChartSpecs[i].Replace("</", "<\\/", StringComparison.Ordinal)).Append(");</script>\n");
        html.Append("</body></html>\n");
        File.WriteAllText(chartsPath, html.ToString());
    }

    /// <summary>The plotly.js that Plotly.NET carries inside its assembly (so the charts page needs no network).</summary>
    private static string PlotlyJs()
    {
        var plotly = typeof(GenericChart).Assembly;
        string name = plotly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal)
                                                                    && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = plotly.GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }

    [GeneratedRegex(@"var data = (?<data>[^\n]*);\s*var layout = (?<layout>[^\n]*);\s*var config = (?<config>[^\n]*);")]
    private static partial Regex PlotlyCall();

    /// <summary>Writes through to the real console and records what a cell writes as its stream output.</summary>
    private sealed class CapturingWriter(TextWriter inner, string name) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            inner.Write(value);
            Stream(name, value.ToString());
        }

        public override void Write(string? value)
        {
            inner.Write(value);
            Stream(name, value ?? "");
        }

        public override void Write(char[] buffer, int index, int count)
        {
            inner.Write(buffer, index, count);
            Stream(name, new string(buffer, index, count));
        }

        public override void WriteLine(string? value) => Write((value ?? "") + new string(CoreNewLine));

        public override void Flush() => inner.Flush();
    }
}

/// <summary>What <c>display(…)</c> returns in a generated app: <see cref="Update"/> replaces the shown value, as in the kernel.</summary>
public sealed class AppDisplayedValue
{
    internal AppDisplayedValue(string[] mimeTypes) => MimeTypes = mimeTypes;

    internal string[] MimeTypes { get; }

    internal JsonObject? UpdateOutput { get; set; }

    /// <summary>Shows <paramref name="value"/> in place of the earlier one.</summary>
    public void Update(object? value) => AppHost.Update(this, value);
}

/// <summary>
/// The kernel's global functions that notebook code calls, for generated apps
/// (<c>using static Descent.Notebook.AppGlobals;</c>). Named as in the kernel, hence lower case.
/// </summary>
public static class AppGlobals
{
    /// <summary>As the kernel's <c>display(value)</c>.</summary>
    public static AppDisplayedValue display(object? value, params string[] mimeTypes) => AppHost.Display(value, mimeTypes);
}
