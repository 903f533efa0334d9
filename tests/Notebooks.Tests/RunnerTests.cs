using System.Diagnostics;
using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The runner itself: it must report failures (with the cell) and keep what the kernel produced.</summary>
[Collection("runner")]
public class RunnerTests(ToolsFixture repository)
{
    private string Fixture(string name) => repository.Fixture(name);

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

    [Fact]
    public async Task Reports_the_real_exit_code_of_a_kernel_that_died()
    {
        var run = await NotebookExecutor.RunAsync(repository.Root, Fixture("kernel-exits-with-3.ipynb"));
        Assert.False(run.Succeeded);
        Assert.Equal(3, run.FailedCell);
        Assert.Contains("the kernel process exited while running this cell (exit code 3)", run.Error);
    }

    [Fact]
    public async Task A_cell_that_runs_past_the_cell_timeout_fails_and_is_named()
    {
        var clock = Stopwatch.StartNew();
        var run = await NotebookExecutor.RunAsync(repository.Root, Fixture("sleeps-in-cell-2.ipynb"), cellTimeout: TimeSpan.FromSeconds(3));
        Assert.False(run.Succeeded);
        Assert.Equal(2, run.FailedCell);
        Assert.Contains("the cell did not finish within 3 s", run.Error);
        Assert.Contains("Thread.Sleep(120_000)", run.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(100), $"took {clock.Elapsed}: the runner waited for the cell instead of timing it out");
    }

    [Fact]
    public async Task A_file_that_is_not_valid_JSON_is_reported_by_name_without_a_kernel()
    {
        var run = await NotebookExecutor.RunAsync(repository.Root, Fixture("not-json.ipynb"));
        Assert.False(run.Succeeded);
        Assert.True(run.Unreadable);
        Assert.Equal(0, run.CellsRun);
        Assert.StartsWith("FAIL not-json.ipynb: not valid JSON (", run.StatusLine);
    }

    [Fact]
    public async Task The_command_line_reports_an_invalid_notebook_and_runs_the_rest()
    {
        // Paths relative to the current directory (here the fixtures' folder), an invalid notebook first.
        string outDir = Path.Combine(repository.Root, "out", "test-fixtures", "cli-run");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        var result = await RunnerProcess.RunAsync(Path.GetDirectoryName(Fixture("passes.ipynb"))!,
            "--no-build", "--out", outDir, "--cell-timeout", "600", "not-json.ipynb", "passes.ipynb");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL not-json.ipynb: not valid JSON (", result.Stdout);
        Assert.Matches(@"(?m)^ok +passes\.ipynb ", result.Stdout);
        Assert.Contains("1 of 2 notebooks ran without errors, 1 failed", result.Stdout);
        Assert.Contains("the passing fixture ran", File.ReadAllText(Path.Combine(outDir, "notebooks", "passes.ipynb")));
        Assert.False(File.Exists(Path.Combine(outDir, "notebooks", "not-json.ipynb")));
    }

    [Fact]
    public async Task Runs_its_own_repository_whatever_the_current_directory()
    {
        // A decoy checkout: a Tutorial.sln and a chapter of its own. Run from inside it, the runner must
        // still list this repository's chapters, not the decoy's.
        string decoy = Path.Combine(Path.GetTempPath(), $"descent-decoy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(decoy, "notebooks", "en"));
        try
        {
            File.WriteAllText(Path.Combine(decoy, "Tutorial.sln"), "");
            File.Copy(Fixture("passes.ipynb"), Path.Combine(decoy, "notebooks", "en", "02-decoy.ipynb"));

            var all = await RunnerProcess.RunAsync(Path.Combine(decoy, "notebooks"), "--list");
            Assert.True(all.ExitCode == 0, all.ToString());
            var expected = new[] { $"repository: {repository.Root}" }.Concat(Repository.Notebooks(repository.Root));
            Assert.Equal(expected, all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

            var filtered = await RunnerProcess.RunAsync(decoy, "--list", "02");
            Assert.True(filtered.ExitCode == 0, filtered.ToString());
            Assert.Contains(Path.Combine(repository.Root, "notebooks", "en", "02-momentum.ipynb"), filtered.Stdout);
            Assert.DoesNotContain("decoy", filtered.Stdout);
        }
        finally
        {
            Directory.Delete(decoy, recursive: true);
        }
    }

    [Fact]
    public async Task Accepts_a_notebook_path_and_rejects_a_bad_command_line_with_exit_code_2()
    {
        var byPath = await RunnerProcess.RunAsync(repository.Root, "--list", Path.Combine("notebooks", "en", "02-momentum.ipynb"));
        Assert.True(byPath.ExitCode == 0, byPath.ToString());
        Assert.EndsWith(Path.Combine(repository.Root, "notebooks", "en", "02-momentum.ipynb"), byPath.Stdout.Trim());

        var badTimeout = await RunnerProcess.RunAsync(repository.Root, "--cell-timeout", "soon", "02");
        Assert.True(badTimeout.ExitCode == 2, badTimeout.ToString());
        Assert.Contains("--cell-timeout soon: not a number of seconds", badTimeout.Stderr);

        var missing = await RunnerProcess.RunAsync(repository.Root, "--list", "notebooks/99-missing.ipynb");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("notebooks/99-missing.ipynb: no such file", missing.Stderr);
    }
}

/// <summary>The built runner (copied beside the tests with its runtimeconfig), started as a user starts it.</summary>
public static class RunnerProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Descent.Runner.dll");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(cts.Token);
        return new Result(p.ExitCode, (await stdout).Replace("\r\n", "\n"), (await stderr).Replace("\r\n", "\n"));
    }
}
