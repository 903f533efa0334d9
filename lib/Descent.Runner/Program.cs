using Descent.Runner;

// The main job: prepare (tool restore + library build), execute every notebook in its own real
// kernel, write the executed copies to out/notebooks/, print one line per notebook.
//   dotnet run --project lib/Descent.Runner [-- [--out DIR] [name-filter ...]]
string root = Repository.Root();
string outDir = Path.Combine(root, "out");
var filters = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--out" && i + 1 < args.Length) outDir = Path.GetFullPath(args[++i]);
    else if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: dotnet run --project lib/Descent.Runner [-- [--out DIR] [name-filter ...]]");
        return 0;
    }
    else filters.Add(args[i]);
}

Repository.Prepare(root, Console.Out);
var notebooks = Repository.Notebooks(root)
    .Where(n => filters.Count == 0 || filters.Any(f => Path.GetFileName(n).Contains(f, StringComparison.OrdinalIgnoreCase)))
    .ToList();
if (notebooks.Count == 0)
{
    Console.Error.WriteLine("no notebook matched");
    return 2;
}

int failed = 0;
var total = System.Diagnostics.Stopwatch.StartNew();
foreach (var notebook in notebooks)
{
    string executed = Path.Combine(outDir, "notebooks", Path.GetFileName(notebook));
    var run = await NotebookExecutor.RunAsync(root, notebook, executed);
    Console.WriteLine(run.StatusLine);
    if (!run.Succeeded) failed++;
}
Console.WriteLine($"{notebooks.Count - failed} notebooks executed, {failed} failed, in {total.Elapsed.TotalSeconds:F1} s; executed copies in {Path.GetRelativePath(root, Path.Combine(outDir, "notebooks"))}/");
return failed == 0 ? 0 : 1;
