using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Descent.Runner;

/// <summary>How one notebook's execution went.</summary>
/// <param name="Notebook">The notebook's path.</param>
/// <param name="CodeCells">How many code cells it has.</param>
/// <param name="CellsRun">How many were executed (all of them unless one failed).</param>
/// <param name="Elapsed">Wall-clock time, kernel start-up included.</param>
/// <param name="FailedCell">The 1-based number, among all cells, of the cell that failed; null if none.</param>
/// <param name="Error">What failed, with the cell's number and first line; null on success.</param>
/// <param name="ExecutedPath">Where the executed copy was written, if it was.</param>
/// <param name="Unreadable">The file is not a notebook (e.g. not valid JSON): nothing ran, <paramref name="Error"/> says why.</param>
public sealed record NotebookRun(string Notebook, int CodeCells, int CellsRun, TimeSpan Elapsed, int? FailedCell, string? Error,
    string? ExecutedPath, bool Unreadable = false)
{
    /// <summary>The notebook's file name, after its edition's folder for a chapter ("ko/02-momentum.ipynb").</summary>
    public string Name
    {
        get
        {
            string file = System.IO.Path.GetFileName(Notebook);
            string folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Notebook)) ?? "");
            return Repository.Editions.Contains(folder) ? $"{folder}/{file}" : file;
        }
    }

    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded => Error is null;

    /// <summary>One line for the console: status, name, time, cells (or, for a file that is not a notebook, why).</summary>
    public string StatusLine => Unreadable
        ? $"FAIL {Name}: {Error}"
        : $"{(Succeeded ? "ok  " : "FAIL")} {Name,-39} {Elapsed.TotalSeconds,6:F1} s  {CellsRun}/{CodeCells} code cells" +
          (Succeeded ? "" : $"\n     {Error!.Replace("\n", "\n     ")}");
}

/// <summary>
/// Executes a notebook top to bottom in its own real kernel process (working directory = the
/// notebook's folder), stops at the first failing cell, and optionally writes the executed copy.
/// </summary>
public static class NotebookExecutor
{
    /// <summary>The longest a single cell may run before it counts as failed (the runner's --cell-timeout changes it).</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The longest the kernel process may take to start (not counted in any cell's time-out).</summary>
    public static readonly TimeSpan KernelStartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs one notebook.</summary>
    /// <param name="repositoryRoot">The repository root (where the tool manifest is).</param>
    /// <param name="notebookPath">The .ipynb to run.</param>
    /// <param name="executedPath">Where to write the executed copy; null for none.</param>
    /// <param name="cellTimeout">Per-cell limit; <see cref="DefaultCellTimeout"/> if null.</param>
    public static async Task<NotebookRun> RunAsync(string repositoryRoot, string notebookPath, string? executedPath = null,
        TimeSpan? cellTimeout = null)
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
        var codeCells = notebook.CodeCells;
        var results = new Dictionary<int, (int, JsonArray)>();
        var clock = Stopwatch.StartNew();
        string workingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        int? failedCell = null;
        string? error = null;
        int run = 0;

        await using (var kernel = KernelSession.Start(repositoryRoot, workingDirectory))
        {
            error = await kernel.WaitUntilReadyAsync(KernelStartTimeout);
            foreach (var (index, cell) in error is null ? codeCells : [])
            {
                string code = NotebookFile.Source(cell);
                run++;
                var outcome = await kernel.SubmitAsync(code, run, cellTimeout ?? DefaultCellTimeout);
                results[index] = (run, outcome.Outputs);
                if (outcome.Error is not null)
                {
                    failedCell = index + 1;
                    string firstLine = code.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
                    error = $"cell {index + 1} (code cell {run} of {codeCells.Count}, starting \"{firstLine}\") failed:\n{outcome.Error.Trim()}";
                    break;
                }
            }
        }
        clock.Stop();
        if (executedPath is not null) notebook.WriteExecuted(executedPath, results);
        return new NotebookRun(notebookPath, codeCells.Count, run, clock.Elapsed, failedCell, error, executedPath);
    }
}
