using System.Text.Json;
using System.Text.Json.Nodes;

namespace Descent.Runner;

/// <summary>
/// A Jupyter notebook (nbformat 4) read as JSON: its code cells in order, and a way to write an
/// executed copy with outputs. Markdown cells and all metadata pass through untouched.
/// </summary>
public sealed class NotebookFile
{
    private readonly JsonObject root;

    private NotebookFile(string path, JsonObject root)
    {
        Path = path;
        this.root = root;
    }

    /// <summary>Where the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>
    /// Reads and minimally validates an .ipynb file. A file that is not one throws
    /// <see cref="InvalidNotebookException"/> whose message says what is wrong ("not valid JSON (…)").
    /// </summary>
    public static NotebookFile Load(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidNotebookException(path, $"not valid JSON ({e.Message})", e);
        }
        if (node is not JsonObject notebook)
            throw new InvalidNotebookException(path, "not a Jupyter notebook (the JSON is not an object)");
        if (notebook["cells"] is not JsonArray cells)
            throw new InvalidNotebookException(path, "not a Jupyter notebook (no \"cells\" array)");
        if (cells.Any(c => c is not JsonObject))
            throw new InvalidNotebookException(path, "not a Jupyter notebook (a cell is not a JSON object)");
        return new NotebookFile(path, notebook);
    }

    /// <summary>All cells.</summary>
    public IReadOnlyList<JsonObject> Cells => root["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();

    /// <summary>The notebook-level metadata.</summary>
    public JsonObject? Metadata => root["metadata"] as JsonObject;

    /// <summary>A cell's source as one string (nbformat allows a string or a list of lines).</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>Whether the cell is code.</summary>
    public static bool IsCode(JsonObject cell) => (string?)cell["cell_type"] == "code";

    /// <summary>The code cells, with their 0-based index among all cells.</summary>
    public IReadOnlyList<(int Index, JsonObject Cell)> CodeCells =>
        Cells.Select((c, i) => (i, c)).Where(p => IsCode(p.c)).ToList();

    /// <summary>Writes a copy whose code cells carry the given outputs and execution counts.</summary>
    public void WriteExecuted(string path, IReadOnlyDictionary<int, (int ExecutionCount, JsonArray Outputs)> results)
    {
        var copy = root.DeepClone().AsObject();
        var cells = copy["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            if (!IsCode(cell)) continue;
            if (results.TryGetValue(i, out var r))
            {
                cell["execution_count"] = r.ExecutionCount;
                cell["outputs"] = r.Outputs.DeepClone();
            }
            else
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}

/// <summary>A file that cannot be read as a Jupyter notebook; <see cref="Exception.Message"/> names the file and the reason.</summary>
public sealed class InvalidNotebookException(string path, string reason, Exception? inner = null)
    : IOException($"{path}: {reason}", inner)
{
    /// <summary>The file.</summary>
    public string NotebookPath { get; } = path;

    /// <summary>What is wrong with it, without the path: "not valid JSON (…)".</summary>
    public string Reason { get; } = reason;
}
