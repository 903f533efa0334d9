using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Descent.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>
/// A copy of what the main job needs (lib/Descent, lib/Descent.Book, lib/Descent.Runner, notebooks/,
/// the solution and the props files) in a temporary folder whose tool manifest has no dotnet-interactive,
/// and, in it, the whole main job run with the app engine: <c>dotnet run --project lib/Descent.Runner -- --engine app</c>.
/// </summary>
public sealed class AppEngineCheckout : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "descent-no-kernel-" + Guid.NewGuid().ToString("N")[..8]);

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    /// <summary>What `dotnet tool run dotnet-interactive` says in the copy (it must fail there).</summary>
    public (int ExitCode, string Output) ToolRun { get; private set; }

    public string ExecutedFolder => Path.Combine(Root, "out", "notebooks");

    public string BookFolder => Path.Combine(Root, "out", "book");

    public async Task InitializeAsync()
    {
        string source = Repository.Root(AppContext.BaseDirectory);
        foreach (var folder in new[] { "lib/Descent", "lib/Descent.Book", "lib/Descent.Runner", "notebooks", "data" })
            CopyFolder(Path.Combine(source, folder), Path.Combine(Root, folder));
        foreach (var file in new[] { "Tutorial.sln", "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(source, file), Path.Combine(Root, file));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(source, ".config", "dotnet-tools.json")))!.AsObject();
        manifest["tools"]!.AsObject().Remove("microsoft.dotnet-interactive");
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        await File.WriteAllTextAsync(Path.Combine(Root, ".config", "dotnet-tools.json"), manifest.ToJsonString());

        ToolRun = await DotnetAsync(Root, "tool", "run", "dotnet-interactive", "--", "--version");
        (ExitCode, Output) = await DotnetAsync(Root, "run", "--project", Path.Combine(Root, "lib", "Descent.Runner"), "--", "--engine", "app");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj")) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static async Task<(int, string)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}

/// <summary>
/// Every chapter through both engines: the kernel's executed copies (<see cref="RepositoryFixture"/>) against
/// the app engine's, run on a checkout without the dotnet-interactive tool (<see cref="AppEngineCheckout"/>).
/// </summary>
[Collection("kernel")]
public partial class AppEngineTests(RepositoryFixture repository, AppEngineCheckout app, ITestOutputHelper log) : IClassFixture<AppEngineCheckout>
{
    public static TheoryData<string> Chapters() =>
        new(Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)).Select(n => Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), n)));

    [Fact]
    public void The_app_engine_builds_the_whole_book_on_a_checkout_without_the_kernel_tool()
    {
        log.WriteLine(app.Output);
        Assert.True(app.ToolRun.ExitCode != 0,
            $"the copy's tool manifest should not provide dotnet-interactive, but `dotnet tool run dotnet-interactive` worked:\n{app.ToolRun.Output}");
        Assert.True(app.ExitCode == 0, $"`dotnet run --project lib/Descent.Runner -- --engine app` exited with {app.ExitCode}:\n{app.Output}");
        foreach (var chapter in Repository.Notebooks(repository.Root).Select(n => Repository.ChapterName(repository.Root, n)))
        {
            Assert.True(File.Exists(Path.Combine(app.ExecutedFolder, chapter!)), $"no executed copy of {chapter}");
            Assert.True(File.Exists(Path.Combine(app.BookFolder, BookSite.PageFor(chapter))), $"no book page for {chapter}");
            Assert.True(File.Exists(Path.Combine(app.Root, "out", "apps", BookSite.PageFor(chapter, ".cs"))), $"no app for {chapter}");
        }
        Assert.True(File.Exists(Path.Combine(app.BookFolder, "index.html")), "no index.html in the app engine's book");
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Both_engines_print_the_same_check_lines(string chapter)
    {
        var kernel = CheckLines(Path.Combine(repository.OutputFolder, chapter));
        var fromApp = CheckLines(Path.Combine(app.ExecutedFolder, chapter));
        string appLine = app.Output.Split('\n').FirstOrDefault(l => l.Contains(chapter, StringComparison.Ordinal))?.Trim() ?? "(no line)";
        log.WriteLine($"{kernel.Count} ✔ lines through the kernel ({repository.Chapters[chapter].Elapsed.TotalSeconds:F1} s), " +
                      $"{fromApp.Count} through the app ({appLine})");
        Assert.True(kernel.Count > 0, $"{chapter}: the kernel's executed copy has no ✔ line (did it run?)");
        Assert.Equal(kernel, fromApp);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task Both_books_have_the_same_charts_and_formulas(string chapter)
    {
        var kernelBook = await repository.BookAsync();
        string page = BookSite.PageFor(chapter);
        string kernelPage = await File.ReadAllTextAsync(Path.Combine(kernelBook.Folder, page));
        string appPage = await File.ReadAllTextAsync(Path.Combine(app.BookFolder, page));
        var kernelCharts = ChartSpec().Matches(kernelPage).Select(m => m.Groups["spec"].Value).ToList();
        var appCharts = ChartSpec().Matches(appPage).Select(m => m.Groups["spec"].Value).ToList();
        var kernelFormulas = Formula().Matches(kernelPage).Select(m => m.Value).ToList();
        var appFormulas = Formula().Matches(appPage).Select(m => m.Value).ToList();
        log.WriteLine($"{chapter}: {kernelCharts.Count} charts, {kernelFormulas.Count} formulas in the kernel's book");
        // As many charts as the executed notebook holds (counted from its outputs, not from the page).
        Assert.Equal(Descent.Book.Chapter.ChartsIn(Path.Combine(repository.OutputFolder, chapter)), kernelCharts.Count);
        Assert.True(kernelFormulas.Count > 0, $"{chapter}: no typeset formula in the kernel's page");
        Assert.Equal(kernelCharts.Count, appCharts.Count);
        for (int i = 0; i < kernelCharts.Count; i++)
            Assert.True(kernelCharts[i] == appCharts[i], $"{chapter}: chart {i + 1} differs between the engines' books");
        Assert.Equal(kernelFormulas, appFormulas);
    }

    /// <summary>The ✔ lines a notebook's cells printed, in order.</summary>
    private static List<string> CheckLines(string executedNotebook) =>
        NotebookFile.Load(executedNotebook).CodeCells
            .SelectMany(c => c.Cell["outputs"]!.AsArray().OfType<JsonObject>())
            .Where(o => (string?)o["output_type"] == "stream")
            .SelectMany(o => Text(o["text"]).Split('\n'))
            .Where(l => l.TrimStart().StartsWith('✔'))
            .ToList();

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    [GeneratedRegex("<script type=\"application/json\" class=\"plotly-spec\">(?<spec>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ChartSpec();

    [GeneratedRegex("<math\\b.*?</math>", RegexOptions.Singleline)]
    private static partial Regex Formula();
}
