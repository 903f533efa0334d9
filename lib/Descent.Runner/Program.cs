using Descent.Runner;

// The main job: prepare (tool restore + library build), execute every notebook in its own real
// kernel, write the executed copies to out/notebooks/EDITION/, print one line per notebook, then render
// the executed notebooks into the static book out/book/ (open out/book/index.html).
// `-- --help` prints the options (RunnerOptions.Usage).
string root = Repository.Root();
RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args, root, Directory.GetCurrentDirectory());
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("(-- --help lists the options)");
    return 2;
}
if (options.Help)
{
    Console.WriteLine(RunnerOptions.Usage);
    return 0;
}
if (options.SyncTranslations)
{
    foreach (var line in Translations.Sync(root, options.AcceptTranslations)) Console.WriteLine(line);
    var problems = Translations.Check(root);
    foreach (var problem in problems) Console.WriteLine(problem);
    Console.WriteLine(problems.Count == 0
        ? $"translations: notebooks/{Translations.Edition} is in step with notebooks/{Repository.SourceEdition}"
        : $"translations: {problems.Count} problem(s); after updating the Korean text of the cells above, run -- --sync-translations --accept");
    return problems.Count == 0 ? 0 : 1;
}
if (options.ListOnly)
{
    Console.WriteLine($"repository: {root}");
    foreach (var notebook in options.Notebooks) Console.WriteLine(notebook);
    return 0;
}
if (options.Notebooks.Count == 0)
{
    Console.Error.WriteLine($"error: no notebooks in {Path.Combine(root, "notebooks", Repository.SourceEdition)}");
    return 2;
}

bool appEngine = options.Engine == RunnerOptions.AppEngine;
if (options.Build)
{
    // The app engine needs no dotnet-interactive tool: only the library, which each app also builds through #:project.
    if (appEngine) Repository.BuildLibrary(root, Console.Out);
    else Repository.Prepare(root, Console.Out);
}

// A full run starts from an empty folder, so the book cannot pick up a stale or renamed chapter.
string executedFolder = Path.Combine(options.OutDir, "notebooks");
if (!options.Selected && Directory.Exists(executedFolder)) Directory.Delete(executedFolder, recursive: true);

int failed = 0;
var total = System.Diagnostics.Stopwatch.StartNew();
foreach (var notebook in options.Notebooks)
{
    string executed = Path.Combine(executedFolder, Repository.ChapterName(root, notebook));
    var run = appEngine
        ? await AppExecutor.RunAsync(root, notebook, Path.Combine(options.OutDir, "apps"), executed, options.CellTimeout)
        : await NotebookExecutor.RunAsync(root, notebook, executed, options.CellTimeout);
    Console.WriteLine(run.StatusLine);
    if (!run.Succeeded) failed++;
    // Prose drifts, computation does not: say at once which numbers in the text no output or code backs
    // (the tests fail on them; here it is a hint for the author, so a chapter in progress still renders).
    else if (ProseNumbers.Check(executed) is { Count: > 0 } drift)
        Console.WriteLine($"     prose: {drift.Count} number(s) not backed by this notebook's code or outputs:\n" +
            ProseNumbers.Report(drift).Replace("\n", "\n     "));
}
Console.WriteLine($"{options.Notebooks.Count - failed} of {options.Notebooks.Count} notebooks ran without errors, {failed} failed, in {total.Elapsed.TotalSeconds:F1} s; executed copies in {Path.GetRelativePath(root, executedFolder)}/");
if (failed > 0) return 1;
if (options.Selected)
{
    Console.WriteLine("book: not rebuilt (only some notebooks ran); run without arguments to render out/book/");
    return 0;
}

// Only a complete, successful run is rendered, so the book never shows a half-executed chapter.
var book = Descent.Book.SiteBuilder.Build(executedFolder, Path.Combine(options.OutDir, "book"));
Console.WriteLine(book.StatusLine.Replace(root + Path.DirectorySeparatorChar, ""));
// The PDFs (per chapter and the whole book), printed by headless Chromium when it is installed; else one line says so.
var pdf = Descent.Book.PdfPrinter.Print(Path.Combine(options.OutDir, "book"));
Console.WriteLine(pdf.StatusLine.Replace(root + Path.DirectorySeparatorChar, ""));
return 0;
