using System.Diagnostics;

namespace Descent.Runner;

/// <summary>Where things are in this repository, and the set-up steps the main job and the tests share.</summary>
public static class Repository
{
    /// <summary>The folder holding Tutorial.sln, found by walking up from <paramref name="start"/> (or the current directory).</summary>
    public static string Root(string? start = null)
    {
        foreach (var candidate in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(candidate); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Tutorial.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Tutorial.sln not found above the current directory: run from inside the repository.");
    }

    /// <summary>notebooks/*.ipynb in chapter order.</summary>
    public static IReadOnlyList<string> Notebooks(string root) =>
        Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();

    /// <summary>The library the notebooks load with #r, relative to the notebooks folder.</summary>
    public const string LibraryReference = "../lib/Descent/bin/notebook/Descent.dll";

    /// <summary>
    /// `dotnet tool restore` (the pinned dotnet-interactive) and a build of lib/Descent into its fixed
    /// folder, so that the kernel and VS Code both find what the setup cell references.
    /// </summary>
    public static void Prepare(string root, TextWriter log)
    {
        RestoreTools(root, log);
        Run(root, log, "build", Path.Combine("lib", "Descent", "Descent.csproj"), "-nologo", "-v", "q", "-clp:ErrorsOnly");
    }

    /// <summary>`dotnet tool restore`: without it the kernel cannot start.</summary>
    public static void RestoreTools(string root, TextWriter log) => Run(root, log, "tool", "restore");

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
