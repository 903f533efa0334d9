using Descent.Runner;

// The main job: prepare (tool restore + library build), execute every notebook in its own real
// kernel, write the executed copies to out/notebooks/, print one line per notebook, then render
// the executed notebooks into the static book out/book/ (open out/book/index.html).
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

// A full run starts from an empty folder, so the book cannot pick up a stale or renamed chapter.
string executedFolder = Path.Combine(outDir, "notebooks");
if (filters.Count == 0 && Directory.Exists(executedFolder)) Directory.Delete(executedFolder, recursive: true);

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
if (failed > 0) return 1;
if (filters.Count > 0)
{
    Console.WriteLine("book: not rebuilt (only some notebooks ran); run without a filter to render out/book/");
    return 0;
}

// Only a complete, successful run is rendered, so the book never shows a half-executed chapter.
var book = Descent.Book.SiteBuilder.Build(executedFolder, Path.Combine(outDir, "book"));
Console.WriteLine(book.StatusLine.Replace(root + Path.DirectorySeparatorChar, ""));
return 0;
