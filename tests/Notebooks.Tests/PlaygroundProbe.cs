using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>One knob set to one extreme value: the playground cell as a learner would have changed it.</summary>
public sealed record KnobVariant(string Knob, string Value, int Cell);

/// <summary>
/// Builds a probe notebook from a chapter: every cell up to and including its playground (the code cell
/// whose first line is <c>// Playground</c>), then one copy of the playground cell per knob and extreme
/// value (NaN, ±∞, 0, negative, huge, empty, null by the knob's declared type). Knobs are the lines
/// <c>&lt;type&gt; play&lt;Name&gt; = &lt;value&gt;;</c> at the top of the cell.
/// </summary>
public static partial class PlaygroundProbe
{
    public const string Marker = "// Playground";

    [GeneratedRegex(@"^(?<type>[\w<>\[\]?]+)\s+(?<name>play\w+)\s*=\s*(?<value>.+?);(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex KnobLine();

    /// <summary>The chapter's playground cell (index among all cells) and its source; null if it has none.</summary>
    public static (int Index, string Source)? Find(NotebookFile notebook)
    {
        foreach (var (index, cell) in notebook.CodeCells)
        {
            string source = NotebookFile.Source(cell);
            if (source.TrimStart().StartsWith(Marker, StringComparison.Ordinal)) return (index, source);
        }
        return null;
    }

    /// <summary>The knobs declared in a playground cell: (type, name).</summary>
    public static IReadOnlyList<(string Type, string Name)> Knobs(string source) =>
        KnobLine().Matches(source).Select(m => (m.Groups["type"].Value, m.Groups["name"].Value)).ToList();

    /// <summary>The extreme values a learner might type for a knob of this type.</summary>
    public static IReadOnlyList<string> Extremes(string type) => type switch
    {
        "double" => ["double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "0", "-1", "1e308"],
        "int" => ["0", "-1", "int.MaxValue", "int.MinValue"],
        "bool" => [],
        "Point2?" or "Point2" => ["new Point2(double.NaN, 0)", "new Point2(0, double.PositiveInfinity)", "new Point2(1e308, 1e308)"],
        _ when type.EndsWith("[]", StringComparison.Ordinal) => ["[]", "null"],
        _ => ["null"],
    };

    /// <summary>The playground cell with <paramref name="knob"/> set to <paramref name="value"/>.</summary>
    public static string WithKnob(string source, string knob, string value) =>
        KnobLine().Replace(source, m => m.Groups["name"].Value == knob
            ? $"{m.Groups["type"].Value} {knob} = {value};{m.Groups["rest"].Value}"
            : m.Value, 1 + Knobs(source).Count);

    /// <summary>Writes the probe notebook to <paramref name="probePath"/> and returns the variants in it.</summary>
    public static IReadOnlyList<KnobVariant> Write(string root, string chapterPath, string probePath)
    {
        var notebook = NotebookFile.Load(chapterPath);
        var (index, source) = Find(notebook) ?? throw new InvalidOperationException($"{chapterPath} has no playground");
        var root0 = JsonNode.Parse(File.ReadAllText(chapterPath))!.AsObject();
        var cells = root0["cells"]!.AsArray();
        var kept = new JsonArray();
        for (int i = 0; i <= index; i++) kept.Add(cells[i]!.DeepClone());
        // The probe lives outside notebooks/: point the setup cell's relative #r at the library by absolute path.
        string library = Path.GetFullPath(Path.Combine(root, "notebooks", Repository.SourceEdition, Repository.LibraryReference));
        var setup = kept.First(c => (string?)c!["cell_type"] == "code")!;
        setup["source"] = NotebookFile.Source(setup.AsObject()).Replace(Repository.LibraryReference, library);
        var variants = new List<KnobVariant>();
        foreach (var (type, name) in Knobs(source))
            foreach (var value in Extremes(type))
            {
                var cell = cells[index]!.DeepClone();
                cell["source"] = WithKnob(source, name, value);
                variants.Add(new KnobVariant(name, value, kept.Count));
                kept.Add(cell);
            }
        root0["cells"] = kept;
        Directory.CreateDirectory(Path.GetDirectoryName(probePath)!);
        File.WriteAllText(probePath, root0.ToJsonString());
        return variants;
    }
}
