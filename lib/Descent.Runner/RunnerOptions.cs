using System.Globalization;

namespace Descent.Runner;

/// <summary>A command line the runner cannot accept; the message says what is wrong and what would be right.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The runner's command line, parsed and checked.</summary>
/// <param name="Notebooks">The notebooks to run, as full paths, in order.</param>
/// <param name="Selected">Whether the command line chose notebooks (paths or name filters) rather than running every chapter.</param>
/// <param name="OutDir">Where the executed copies (OutDir/notebooks) and the book (OutDir/book) go.</param>
/// <param name="CellTimeout">The longest one cell may run.</param>
/// <param name="Build">Whether to restore the kernel tool and build the library first.</param>
/// <param name="ListOnly">Print the repository and the notebooks, run nothing.</param>
/// <param name="Help">Print the usage, run nothing.</param>
/// <param name="Engine">How the notebooks run: <see cref="KernelEngine"/> (the dotnet-interactive kernel, the default) or <see cref="AppEngine"/>.</param>
/// <param name="SyncTranslations">Run nothing: copy the English code cells into the Korean edition and report stale translations.</param>
/// <param name="AcceptTranslations">With <paramref name="SyncTranslations"/>: record the English hashes of the stale cells (their Korean text is updated).</param>
public sealed record RunnerOptions(IReadOnlyList<string> Notebooks, bool Selected, string OutDir, TimeSpan CellTimeout, bool Build,
    bool ListOnly, bool Help, string Engine = RunnerOptions.KernelEngine, bool SyncTranslations = false, bool AcceptTranslations = false)
{
    /// <summary>--engine kernel: each notebook in its own real dotnet-interactive kernel (what VS Code runs).</summary>
    public const string KernelEngine = "kernel";

    /// <summary>--engine app: each notebook as a .NET file-based app (out/apps/NN-….cs), without the kernel.</summary>
    public const string AppEngine = "app";

    /// <summary>What -h prints.</summary>
    public const string Usage = """
        usage: dotnet run --project lib/Descent.Runner [-- [options] [NOTEBOOK.ipynb | NAME-FILTER] ...]

          (nothing)            run every chapter of both editions (notebooks/en, notebooks/ko), then render the book
                               into out/book/
          NOTEBOOK.ipynb       run this notebook (a path, relative to the current directory or to the repository)
          NAME-FILTER          run the chapters whose name contains it: 02 (both editions), en/02, ko/02, ko (all Korean)
          --cell-timeout S     a cell that runs longer than S seconds fails (default 600)
          --out DIR            write the executed notebooks to DIR/notebooks and the book to DIR/book (default out/)
          --engine kernel|app  kernel (default): each notebook in its own dotnet-interactive kernel, as VS Code runs it;
                               app: each notebook as a .NET file-based app written to OUT/apps/NN-….cs and run
                               with `dotnet run` (no dotnet-interactive tool needed); same executed notebooks and book
          --no-build           skip `dotnet tool restore` and the library build (when they ran already)
          --list               print the repository and the notebooks that would run, and stop
          --sync-translations  run nothing: copy every English code cell into the Korean edition (notebooks/ko), then
                               list the Korean cells whose English text changed since they were translated
            --accept           with --sync-translations: record the changed cells' new English hashes (after
                               updating their Korean text)
          -h, --help           print this

        The runner always runs the repository it belongs to, whatever the current directory is.
        With a selection, the book is not re-rendered. Exit code: 0 all ran, 1 a notebook failed, 2 bad command line.
        """;

    /// <summary>Parses <paramref name="args"/>; relative paths are resolved against <paramref name="currentDirectory"/>, then <paramref name="root"/>.</summary>
    /// <exception cref="UsageException">The command line is wrong; the message says how.</exception>
    public static RunnerOptions Parse(IReadOnlyList<string> args, string root, string currentDirectory)
    {
        string outDir = Path.Combine(root, "out");
        var cellTimeout = NotebookExecutor.DefaultCellTimeout;
        bool build = true, list = false, sync = false, accept = false;
        string engine = KernelEngine;
        var paths = new List<string>();
        var filters = new List<string>();

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"{arg} needs a value, e.g. {arg} {(arg == "--out" ? "/tmp/run" : "300")}");
                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    return new RunnerOptions([], false, outDir, cellTimeout, build, list, Help: true, engine);
                case "--out":
                    outDir = Path.GetFullPath(Value(), currentDirectory);
                    break;
                case "--cell-timeout":
                    cellTimeout = ParseTimeout(Value());
                    break;
                case "--engine":
                    engine = Value() switch
                    {
                        KernelEngine => KernelEngine,
                        AppEngine => AppEngine,
                        var other => throw new UsageException($"--engine {other}: unknown engine; the engines are kernel (the default) and app, e.g. --engine app"),
                    };
                    break;
                case "--no-build":
                    build = false;
                    break;
                case "--list":
                    list = true;
                    break;
                case "--sync-translations":
                    sync = true;
                    break;
                case "--accept":
                    accept = true;
                    break;
                default:
                    if (arg.StartsWith('-'))
                        throw new UsageException($"unknown option {arg}; the options are --cell-timeout, --out, --engine, --no-build, --list, " +
                            "--sync-translations, --accept, --help");
                    if (arg.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) paths.Add(ResolveNotebook(arg, root, currentDirectory));
                    else filters.Add(arg);
                    break;
            }
        }

        var notebooks = new List<string>(paths);
        if (filters.Count > 0)
        {
            var chapters = Repository.Notebooks(root);
            var matched = chapters.Where(n => filters.Any(f =>
                Repository.ChapterName(root, n).Contains(f.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase))).ToList();
            if (matched.Count == 0)
                throw new UsageException(
                    $"no chapter in {Path.Combine(root, "notebooks")} has a name containing {string.Join(" or ", filters.Select(f => $"'{f}'"))}; " +
                    $"the chapters are {string.Join(", ", chapters.Select(c => Repository.ChapterName(root, c)))}. " +
                    "To run a notebook by its path, give the path ending in .ipynb.");
            notebooks.AddRange(matched.Where(m => !notebooks.Contains(m)));
        }
        if (accept && !sync)
            throw new UsageException("--accept goes with --sync-translations: --sync-translations --accept");
        bool selected = paths.Count > 0 || filters.Count > 0;
        if (!selected) notebooks.AddRange(Repository.Notebooks(root));
        return new RunnerOptions(notebooks, selected, outDir, cellTimeout, build, list, Help: false, engine, sync, accept);
    }

    /// <summary>A positive, finite number of seconds, at most a day.</summary>
    public static TimeSpan ParseTimeout(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds))
            throw new UsageException($"--cell-timeout {text}: not a number of seconds; give a whole or decimal number of seconds, e.g. --cell-timeout 300");
        if (seconds <= 0 || seconds > 86_400)
            throw new UsageException($"--cell-timeout {text}: out of range; the valid range is (0, 86400] seconds, e.g. --cell-timeout 300");
        return TimeSpan.FromSeconds(seconds);
    }

    private static string ResolveNotebook(string arg, string root, string currentDirectory)
    {
        foreach (var baseDir in new[] { currentDirectory, root })
        {
            string full = Path.GetFullPath(arg, baseDir);
            if (File.Exists(full)) return full;
        }
        throw new UsageException(
            Path.IsPathRooted(arg)
                ? $"{arg}: no such file"
                : Path.GetFullPath(currentDirectory) == Path.GetFullPath(root)
                    ? $"{arg}: no such file in {root}"
                    : $"{arg}: no such file in {currentDirectory} (the current directory) or {root} (the repository)");
    }
}
