using System.Diagnostics;

namespace Descent.Runner;

/// <summary>Where things are in this repository, and the set-up steps the main job and the tests share.</summary>
public static class Repository
{
    /// <summary>
    /// The folder holding Tutorial.sln, found by walking up from <paramref name="start"/>, by default
    /// from where this assembly was built to (lib/Descent.Runner/bin/...): the runner always runs its
    /// own repository, whatever the current directory is (even inside another checkout).
    /// </summary>
    public static string Root(string? start = null)
    {
        start ??= AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tutorial.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException(
            $"Tutorial.sln not found in {start} or any folder above it: the runner must be built inside the repository " +
            "(dotnet run --project lib/Descent.Runner).");
    }

    /// <summary>
    /// The editions, each a folder of notebooks/ with the same chapters under the same file names: English (the
    /// source of truth for code) and Korean (its markdown translated, its code cells byte-identical).
    /// </summary>
    public static readonly IReadOnlyList<string> Editions = ["en", "ko"];

    /// <summary>The English edition, whose code cells every other edition copies.</summary>
    public const string SourceEdition = "en";

    /// <summary>Every edition's chapters, notebooks/en/*.ipynb then notebooks/ko/*.ipynb, each in chapter order.</summary>
    public static IReadOnlyList<string> Notebooks(string root) =>
        Editions.SelectMany(e => EditionNotebooks(root, e)).ToList();

    /// <summary>One edition's chapters (notebooks/<paramref name="edition"/>/*.ipynb) in chapter order; none if the folder is missing.</summary>
    public static IReadOnlyList<string> EditionNotebooks(string root, string edition)
    {
        string folder = Path.Combine(root, "notebooks", edition);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>
    /// A notebook's name relative to notebooks/, with '/' ("en/02-momentum.ipynb", "ko/02-momentum.ipynb"); for a
    /// notebook outside notebooks/ (a test fixture), its file name. The executed copy keeps this relative path.
    /// </summary>
    public static string ChapterName(string root, string notebook)
    {
        string relative = Path.GetRelativePath(Path.Combine(root, "notebooks"), Path.GetFullPath(notebook));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFileName(notebook)
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The library the notebooks load with #r, relative to an edition's folder (notebooks/en, notebooks/ko).</summary>
    public const string LibraryReference = "../../lib/Descent/bin/notebook/Descent.dll";

    /// <summary>
    /// `dotnet tool restore` (the pinned dotnet-interactive) and a build of lib/Descent into its fixed
    /// folder, so that the kernel and VS Code both find what the setup cell references.
    /// </summary>
    public static void Prepare(string root, TextWriter log)
    {
        RestoreTools(root, log);
        EnsureJupyterKernelFolder(log);
        BuildLibrary(root, log);
    }

    /// <summary>A build of lib/Descent into its fixed folder (all the app engine needs).</summary>
    public static void BuildLibrary(string root, TextWriter log) =>
        Run(root, log, "build", Path.Combine("lib", "Descent", "Descent.csproj"), "-nologo", "-v", "q", "-clp:ErrorsOnly");

    /// <summary>`dotnet tool restore`: without it the kernel cannot start.</summary>
    public static void RestoreTools(string root, TextWriter log) => Run(root, log, "tool", "restore");

    /// <summary>
    /// The per-user folder where `dotnet-interactive jupyter install` writes the kernelspec when no
    /// `jupyter` command is on the PATH (VS Code's Jupyter extension reads it from there): on Linux
    /// $XDG_DATA_HOME/jupyter/kernels or ~/.local/share/jupyter/kernels, on macOS
    /// ~/Library/Jupyter/kernels, on Windows %APPDATA%\jupyter\kernels.
    /// </summary>
    public static string JupyterKernelFolder()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
        if (OperatingSystem.IsMacOS())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Jupyter", "kernels");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "jupyter", "kernels");
    }

    /// <summary>
    /// Creates <see cref="JupyterKernelFolder"/> if it is missing: on a fresh home without a `jupyter`
    /// command, `dotnet tool run dotnet-interactive -- jupyter install` (the README's kernel
    /// registration) otherwise fails with "The kernelspec path … does not exist".
    /// </summary>
    public static void EnsureJupyterKernelFolder(TextWriter log)
    {
        string folder = JupyterKernelFolder();
        if (Directory.Exists(folder)) return;
        Directory.CreateDirectory(folder);
        log.WriteLine($"created {folder} (where `dotnet tool run dotnet-interactive -- jupyter install` registers the kernel)");
    }

    private static void Run(string root, TextWriter log, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"`dotnet {string.Join(' ', args)}` failed with exit code {p.ExitCode}:\n{output}");
        log.WriteLine($"dotnet {string.Join(' ', args.Take(2))}: ok");
    }
}
