using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The runner itself: it must report failures (with the cell) and keep what the kernel produced.</summary>
[Collection("kernel")]
public class RunnerTests(RepositoryFixture repository)
{
    private string Fixture(string name) => Path.Combine(repository.Root, "tests", "Notebooks.Tests", "Fixtures", name);

    [Fact]
    public async Task Stops_at_the_first_failing_cell_and_names_it()
    {
        string executed = Path.Combine(repository.Root, "out", "test-fixtures", "fails-in-cell-4.ipynb");
        var run = await NotebookExecutor.RunAsync(repository.Root, Fixture("fails-in-cell-4.ipynb"), executed);

        Assert.False(run.Succeeded);
        Assert.Equal(4, run.FailedCell);
        Assert.Equal(3, run.CellsRun);
        Assert.Equal(4, run.CodeCells);
        Assert.Contains("cell 4", run.Error);
        Assert.Contains("boom in cell 4", run.Error);

        // The executed copy keeps the outputs: stdout of cell 2, the value of cell 3, the error of cell 4, nothing for cell 5.
        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        string Text(int i) => cells[i]!["outputs"]!.ToJsonString();
        Assert.Contains("hello from cell 2", Text(1));
        Assert.Contains("42", Text(2));
        Assert.Equal("execute_result", (string?)cells[2]!["outputs"]![0]!["output_type"]);
        Assert.Contains("\"output_type\":\"error\"", Text(3));
        Assert.Equal("[]", Text(4));
        Assert.Null(cells[4]!["execution_count"]);
    }

    [Fact]
    public async Task Reports_compile_errors()
    {
        var run = await NotebookExecutor.RunAsync(repository.Root, Fixture("does-not-compile.ipynb"));
        Assert.False(run.Succeeded);
        Assert.Equal(1, run.FailedCell);
        Assert.Contains("CS0029", run.Error);
    }

    [Fact]
    public async Task Runs_in_the_notebooks_folder()
    {
        // The kernel's working directory is the notebook's folder: the relative #r of the library depends on it.
        string folder = Path.Combine(repository.Root, "out", "test-fixtures", "cwd-probe");
        Directory.CreateDirectory(folder);
        string notebook = Path.Combine(folder, "probe.ipynb");
        File.WriteAllText(notebook, """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
              "source": ["System.IO.Directory.GetCurrentDirectory()"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);
        string executed = Path.Combine(folder, "probe.executed.ipynb");
        var run = await NotebookExecutor.RunAsync(repository.Root, notebook, executed);
        Assert.True(run.Succeeded, run.Error);
        Assert.Contains(folder, File.ReadAllText(executed).Replace("\\\\", "\\"));
    }
}
