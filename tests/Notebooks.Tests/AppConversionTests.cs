using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// The app engine's conversion (<see cref="NotebookToApp"/>): what it needs from notebook code,
/// checked on every chapter (the convention test), and what it does with small notebooks written here.
/// </summary>
public class AppConversionTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    public static TheoryData<string> Chapters() => new(Repository.Notebooks(Root).Select(n => Repository.ChapterName(Root, n)));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_code_follows_what_the_app_conversion_needs(string notebook)
    {
        var problems = NotebookToApp.Check(NotebookFile.Load(Path.Combine(Root, "notebooks", notebook)), Root);
        Assert.True(problems.Count == 0,
            $"{notebook} cannot run as a file-based app (dotnet run --project lib/Descent.Runner -- --engine app) as it is. " +
            "In the app all cells share one scope, types go after the cells, and a top-level return would end the program:\n" +
            string.Join("\n", problems));
    }

    /// <summary>A notebook with the shared setup cell (as the chapters have it) and then the given code cells.</summary>
    private static NotebookFile Notebook(params string[] cells)
    {
        var all = new List<string> { ConventionTests.ExpectedSetupCell() };
        all.AddRange(cells);
        var json = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(all.Select(c => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["execution_count"] = null,
                ["source"] = c,
            }).ToArray()),
        };
        string folder = Path.Combine(Path.GetTempPath(), "descent-app-conversion-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "99-test.ipynb");
        File.WriteAllText(path, json.ToJsonString());
        return NotebookFile.Load(path);
    }

    private static AppConversion Convert(NotebookFile notebook) =>
        NotebookToApp.Convert(notebook, Root, Path.Combine(Root, "out", "apps", "99-test.cs"));

    [Fact]
    public void The_trailing_expression_is_shown_and_a_statement_is_not()
    {
        var app = Convert(Notebook("var x = 1;\nx + 1", "var y = 2;", "Math.Max(\n    x,\n    y) // a comment\n"));
        Assert.Empty(app.Problems);
        Assert.Contains("Descent.Notebook.AppHost.Result(x + 1);", app.Source);
        Assert.Contains("Descent.Notebook.AppHost.Result(Math.Max(\n    x,\n    y)); // a comment", app.Source);
        Assert.DoesNotContain("Result(var y", app.Source);
        Assert.Contains("var y = 2;", app.Source);
        // One AppHost.Cell per code cell, with the notebook's cell index (0-based) and the execution count.
        Assert.Contains("Descent.Notebook.AppHost.Cell(0, 1);", app.Source);
        Assert.Contains("Descent.Notebook.AppHost.Cell(3, 4);", app.Source);
    }

    [Fact]
    public void Kernel_directives_become_package_and_project_directives_with_the_pinned_versions()
    {
        var app = Convert(Notebook());
        var pinned = NotebookToApp.PackageVersions(Root);
        foreach (var package in new[] { "Plotly.NET", "Plotly.NET.CSharp", "MathNet.Numerics" })
            Assert.Contains($"#:package {package}@{pinned[package]}\n", app.Source);
        Assert.DoesNotContain(NotebookToApp.KernelOnlyPackage + "@", app.Source);
        Assert.Contains("#:project ../../lib/Descent/Descent.csproj\n", app.Source);
        Assert.DoesNotContain("#r ", app.Source);
        // The cell's using directives are at the top of the app, before the first statement.
        Assert.True(app.Source.IndexOf("using Descent.Charts;", StringComparison.Ordinal)
                    < app.Source.IndexOf("AppHost.Start(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_type_declared_in_a_cell_moves_after_the_cells()
    {
        var app = Convert(Notebook("record Pair(int A, int B);\nvar p = new Pair(1, 2);\np.A"));
        Assert.Empty(app.Problems);
        int type = app.Source.IndexOf("record Pair(int A, int B);", StringComparison.Ordinal);
        Assert.True(type > app.Source.IndexOf("AppHost.Finish();", StringComparison.Ordinal), app.Source);
        Assert.Contains("#line 1 \"99-test.ipynb, cell 2\"\nrecord Pair", app.Source);
    }

    [Fact]
    public void A_name_declared_in_two_cells_is_reported_with_both_cells()
    {
        var problems = Convert(Notebook("var rate = 0.1;", "double rate = 0.2;", "(var a, var b) = (1, 2);", "var (b, c) = (3, 4);")).Problems;
        Assert.Equal(2, problems.Count);
        Assert.Equal(3, problems[0].Cell);
        Assert.Contains("'rate' is already declared at the top level of cell 2", problems[0].Message);
        Assert.Equal(5, problems[1].Cell);
        Assert.Contains("'b' is already declared at the top level of cell 4", problems[1].Message);
    }

    [Fact]
    public void A_top_level_return_and_an_unknown_directive_are_reported()
    {
        var problems = Convert(Notebook("if (DateTime.Now.Year > 2000) return;\nvar f = () => { return 1; };", "#!time\n1")).Problems;
        Assert.Equal(2, problems.Count);
        Assert.Contains("return;", problems[0].Message);
        Assert.Equal(2, problems[0].Cell);
        Assert.Contains("#!time", problems[1].Message);
    }
}

/// <summary>The app engine on the runner's fixture notebooks: a failing cell, a compile error, a cell time-out.</summary>
public class AppExecutorTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    private static string Fixture(string name) => Path.Combine(Root, "tests", "Notebooks.Tests", "Fixtures", name);

    private static string Apps => Path.Combine(Root, "out", "test-apps");

    [Fact]
    public async Task Stops_at_the_first_failing_cell_and_keeps_the_outputs_before_it()
    {
        string executed = Path.Combine(Apps, "executed", "fails-in-cell-4.ipynb");
        var run = await AppExecutor.RunAsync(Root, Fixture("fails-in-cell-4.ipynb"), Apps, executed);

        Assert.False(run.Succeeded);
        Assert.Equal(4, run.FailedCell);
        Assert.Equal(3, run.CellsRun);
        Assert.Equal(4, run.CodeCells);
        Assert.Contains("cell 4", run.Error);
        Assert.Contains("boom in cell 4", run.Error);

        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        string Text(int i) => cells[i]!["outputs"]!.ToJsonString();
        Assert.Equal("""[{"output_type":"stream","name":"stdout","text":"hello from cell 2\n"}]""", Text(1));
        Assert.Equal("execute_result", (string?)cells[2]!["outputs"]![0]!["output_type"]);
        // 6 * 7, in whichever mime type the formatter prefers for an int.
        Assert.Contains(cells[2]!["outputs"]![0]!["data"]!.AsObject(), kv => Strip((string?)kv.Value ?? "") == "42");
        Assert.Equal(2, (int)cells[2]!["execution_count"]!);
        Assert.Contains("\"output_type\":\"error\"", Text(3));
        Assert.Equal("[]", Text(4));
        Assert.Null(cells[4]!["execution_count"]);
    }

    /// <summary>The text of an HTML output: without the formatter's style block and the tags.</summary>
    private static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(html, "<style>.*?</style>", "", System.Text.RegularExpressions.RegexOptions.Singleline),
        "<[^>]+>", "").Trim();

    [Fact]
    public async Task Reports_compile_errors_with_the_cell()
    {
        var run = await AppExecutor.RunAsync(Root, Fixture("does-not-compile.ipynb"), Apps);
        Assert.False(run.Succeeded);
        Assert.Equal(1, run.FailedCell);
        Assert.Contains("CS0029", run.Error);
        Assert.Contains("does-not-compile.ipynb, cell 1", run.Error);
    }

    [Fact]
    public async Task A_cell_that_runs_too_long_fails_with_the_time_out()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await AppExecutor.RunAsync(Root, Fixture("sleeps-in-cell-2.ipynb"), Apps, cellTimeout: TimeSpan.FromSeconds(3));
        Assert.False(run.Succeeded);
        Assert.Equal(2, run.FailedCell);
        Assert.Contains("did not finish within 3 s", run.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(110), $"the 120 s cell was not stopped: {clock.Elapsed.TotalSeconds:F0} s");
    }
}
