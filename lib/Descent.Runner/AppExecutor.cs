using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Descent.Runner;

/// <summary>
/// The app engine: runs a notebook as a .NET file-based app (<see cref="NotebookToApp"/>) with
/// <c>dotnet run APP.cs</c>, without the dotnet-interactive tool, and writes the same executed
/// notebook as <see cref="NotebookExecutor"/> from the per-cell outputs the app's
/// <c>Descent.Notebook.AppHost</c> records. The cell time-out is enforced from the cell starts
/// the app records as it goes.
/// </summary>
public static partial class AppExecutor
{
    /// <summary>The longest the app may take to build before its first cell starts.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Converts, writes to <paramref name="appsFolder"/>, runs, and writes the executed copy.</summary>
    public static async Task<NotebookRun> RunAsync(string repositoryRoot, string notebookPath, string appsFolder,
        string? executedPath = null, TimeSpan? cellTimeout = null)
    {
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Load(notebookPath);
        }
        catch (InvalidNotebookException e)
        {
            return new NotebookRun(notebookPath, 0, 0, TimeSpan.Zero, null, e.Reason, null, Unreadable: true);
        }
        var timeout = cellTimeout ?? NotebookExecutor.DefaultCellTimeout;
        var codeCells = notebook.CodeCells;
        var clock = Stopwatch.StartNew();
        string app = NotebookToApp.AppPath(appsFolder, notebookPath);
        var conversion = NotebookToApp.Convert(notebook, repositoryRoot, app);
        Directory.CreateDirectory(Path.GetDirectoryName(app)!);
        // Rewritten only when it changes: `dotnet run` then reuses the app's last build.
        if (!File.Exists(app) || await File.ReadAllTextAsync(app) != conversion.Source) await File.WriteAllTextAsync(app, conversion.Source);
        string outputsFile = Path.ChangeExtension(app, ".outputs.jsonl");
        File.Delete(outputsFile);

        var results = new Dictionary<int, (int, JsonArray)>();
        int started = 0, currentCell = -1;
        string? error = null;
        int? failedCell = null;
        var cellClock = new Stopwatch();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(app))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "run", Path.GetFullPath(app) }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start `dotnet run`");
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var tail = new AppendedLines(outputsFile);
        void ReadNewLines()
        {
            foreach (var line in tail.ReadNew())
            {
                var record = JsonNode.Parse(line)!.AsObject();
                int cell = (int)record["cell"]!;
                int count = (int)record["count"]!;
                if ((string?)record["event"] == "start")
                {
                    started = count;
                    currentCell = cell;
                    cellClock.Restart();
                    continue;
                }
                results[cell] = (count, record["outputs"]!.AsArray().DeepClone().AsArray());
                if (currentCell == cell) { currentCell = -1; cellClock.Reset(); }
                if ((string?)record["error"] is { } message)
                {
                    failedCell = cell + 1;
                    error = CellError(notebook, cell, count, codeCells.Count, message);
                }
            }
        }

        while (!process.WaitForExit(250))
        {
            ReadNewLines();
            string? stop = null;
            if (started == 0 && clock.Elapsed > BuildTimeout)
                stop = $"the app did not build and start within {BuildTimeout.TotalSeconds:F0} s";
            else if (currentCell >= 0 && cellClock.Elapsed > timeout)
                stop = $"the cell did not finish within {timeout.TotalSeconds:0.###} s (the cell time-out; the runner's --cell-timeout SECONDS changes it)";
            if (stop is null) continue;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            ReadNewLines();
            if (currentCell >= 0)
            {
                failedCell = currentCell + 1;
                error = CellError(notebook, currentCell, started, codeCells.Count, stop);
                results[currentCell] = (started, [ErrorOutput(stop)]);
            }
            else error = stop;
            break;
        }
        await process.WaitForExitAsync();
        ReadNewLines();
        clock.Stop();

        if (error is null && process.ExitCode != 0)
        {
            if (started == 0)
            {
                string errors = BuildErrors(stdout.ToString() + stderr);
                error = $"the app {Path.GetFileName(app)} did not build (dotnet run exit code {process.ExitCode}):\n" + errors;
                // The app's #line directives name the cell: "NN-….ipynb, cell 12(3,5): error CS…".
                if (CompiledCell().Match(errors) is { Success: true } m) failedCell = int.Parse(m.Groups["cell"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                failedCell = currentCell >= 0 ? currentCell + 1 : null;
                error = $"the app exited with code {process.ExitCode} while running code cell {started} of {codeCells.Count}. Its stderr:\n{stderr.ToString().Trim()}";
            }
        }
        else if (error is null && results.Count < codeCells.Count)
            error = $"the app ended after {results.Count} of {codeCells.Count} code cells without an error";

        if (executedPath is not null) notebook.WriteExecuted(executedPath, results);
        return new NotebookRun(notebookPath, codeCells.Count, started, clock.Elapsed, failedCell, error, executedPath);
    }

    private static string CellError(NotebookFile notebook, int cell, int count, int codeCells, string message)
    {
        string code = NotebookFile.Source(notebook.Cells[cell]);
        string firstLine = code.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return $"cell {cell + 1} (code cell {count} of {codeCells}, starting \"{firstLine}\") failed:\n{message.Trim()}";
    }

    private static JsonObject ErrorOutput(string message) => new()
    {
        ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = message,
        ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    /// <summary>The compiler's error lines (they name "NN-….ipynb, cell N" through the app's #line directives), without duplicates.</summary>
    private static string BuildErrors(string output)
    {
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(20).ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : output.Trim();
    }

    /// <summary>Reads what a finished app recorded (for tests and tools): cell index → outputs.</summary>
    public static IReadOnlyDictionary<int, JsonArray> ReadOutputs(string outputsFile) =>
        File.ReadAllLines(outputsFile).Select(l => JsonNode.Parse(l)!.AsObject()).Where(r => r["outputs"] is JsonArray)
            .ToDictionary(r => (int)r["cell"]!, r => r["outputs"]!.AsArray());

    [System.Text.RegularExpressions.GeneratedRegex(@"\.ipynb, cell (?<cell>\d+)\(\d+,\d+\): error")]
    private static partial System.Text.RegularExpressions.Regex CompiledCell();
}

/// <summary>
/// The whole lines appended to a file since the last call, read while another process appends to it. The
/// position advances by the bytes actually read (the reader before it took the file's length after reading,
/// which skips whatever the app appends in between: the likely cause of the rare app-engine runs that "ended"
/// two cells short without an error), and only complete lines are decoded, so a UTF-8 character or a line
/// split across two reads comes out whole on the next call.
/// </summary>
public sealed class AppendedLines(string path)
{
    private readonly List<byte> pending = [];
    private readonly byte[] buffer = new byte[1 << 16];
    private long position;

    /// <summary>The complete, non-empty lines appended since the last call (none if the file does not exist yet).</summary>
    public IReadOnlyList<string> ReadNew()
    {
        if (!File.Exists(path)) return [];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.Seek(position, SeekOrigin.Begin);
            for (int n; (n = stream.Read(buffer, 0, buffer.Length)) > 0;)
            {
                pending.AddRange(buffer.AsSpan(0, n));
                position += n;
            }
        }
        int end = pending.LastIndexOf((byte)'\n');
        if (end < 0) return [];
        string text = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
        pending.RemoveRange(0, end + 1);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
