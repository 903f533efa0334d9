using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The runner's command line, parsed without starting anything.</summary>
public class RunnerOptionsTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);
    private static readonly string Fixtures = Path.Combine(Root, "tests", "Notebooks.Tests", "Fixtures");

    [Fact]
    public void No_arguments_run_every_chapter_with_the_defaults()
    {
        var o = RunnerOptions.Parse([], Root, Root);
        Assert.Equal(Repository.Notebooks(Root), o.Notebooks);
        Assert.False(o.Selected);
        Assert.Equal(Path.Combine(Root, "out"), o.OutDir);
        Assert.Equal(NotebookExecutor.DefaultCellTimeout, o.CellTimeout);
        Assert.True(o.Build);
    }

    [Fact]
    public void A_path_is_taken_relative_to_the_current_directory_then_to_the_repository()
    {
        var fromRoot = RunnerOptions.Parse(["notebooks/en/02-momentum.ipynb"], Root, Root);
        Assert.Equal([Path.Combine(Root, "notebooks", "en", "02-momentum.ipynb")], fromRoot.Notebooks);
        Assert.True(fromRoot.Selected);

        var fromFixtures = RunnerOptions.Parse(["passes.ipynb"], Root, Fixtures);
        Assert.Equal([Path.Combine(Fixtures, "passes.ipynb")], fromFixtures.Notebooks);

        // Not under the current directory, but under the repository.
        var fromElsewhere = RunnerOptions.Parse(["notebooks/ko/02-momentum.ipynb"], Root, Fixtures);
        Assert.Equal([Path.Combine(Root, "notebooks", "ko", "02-momentum.ipynb")], fromElsewhere.Notebooks);
    }

    [Fact]
    public void A_name_filter_selects_chapters_and_a_filter_that_matches_nothing_lists_them()
    {
        // "02" is the chapter in both editions; "en/02" and "ko/02" one edition's; "ko" every Korean chapter.
        string en = Path.Combine(Root, "notebooks", "en", "02-momentum.ipynb"), ko = Path.Combine(Root, "notebooks", "ko", "02-momentum.ipynb");
        Assert.Equal([en, ko], RunnerOptions.Parse(["02"], Root, Root).Notebooks);
        Assert.Equal([en], RunnerOptions.Parse(["en/02"], Root, Root).Notebooks);
        Assert.Equal([ko], RunnerOptions.Parse(["ko/02"], Root, Root).Notebooks);
        Assert.Equal(Repository.EditionNotebooks(Root, "ko"), RunnerOptions.Parse(["ko/"], Root, Root).Notebooks);
        var e = Assert.Throws<UsageException>(() => RunnerOptions.Parse(["zz-no-such"], Root, Root));
        Assert.Contains("no chapter in", e.Message);
        Assert.Contains("02-momentum.ipynb", e.Message);
    }

    [Theory]
    [InlineData("300", 300.0)]
    [InlineData("2.5", 2.5)]
    public void Cell_timeout_takes_seconds(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RunnerOptions.Parse(["--cell-timeout", value], Root, Root).CellTimeout);

    [Theory]
    [InlineData("soon", "--cell-timeout soon: not a number of seconds")]
    [InlineData("NaN", "--cell-timeout NaN: not a number of seconds")]
    [InlineData("0", "--cell-timeout 0: out of range; the valid range is (0, 86400] seconds")]
    [InlineData("-5", "--cell-timeout -5: out of range")]
    [InlineData("1e9", "--cell-timeout 1e9: out of range")]
    public void Cell_timeout_rejects_what_is_not_a_positive_number_of_seconds(string value, string message)
    {
        var e = Assert.Throws<UsageException>(() => RunnerOptions.Parse(["--cell-timeout", value], Root, Root));
        Assert.StartsWith(message, e.Message);
        Assert.Contains("e.g. --cell-timeout 300", e.Message);
    }

    [Theory]
    [InlineData(new[] { "--cell-timeout" }, "--cell-timeout needs a value")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    [InlineData(new[] { "--out", "--list" }, "--out needs a value")]
    [InlineData(new[] { "--frobnicate" }, "unknown option --frobnicate")]
    [InlineData(new[] { "--engine" }, "--engine needs a value")]
    [InlineData(new[] { "--engine", "jupyter" }, "--engine jupyter: unknown engine; the engines are kernel (the default) and app")]
    [InlineData(new[] { "no-such-dir/x.ipynb" }, "no-such-dir/x.ipynb: no such file")]
    public void A_bad_command_line_says_what_is_wrong(string[] args, string message)
    {
        var e = Assert.Throws<UsageException>(() => RunnerOptions.Parse(args, Root, Root));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void The_engine_is_the_kernel_unless_app_is_asked_for()
    {
        Assert.Equal("kernel", RunnerOptions.Parse([], Root, Root).Engine);
        Assert.Equal("app", RunnerOptions.Parse(["--engine", "app", "02"], Root, Root).Engine);
        Assert.Equal("kernel", RunnerOptions.Parse(["--engine", "kernel"], Root, Root).Engine);
    }

    [Fact]
    public void Out_is_relative_to_the_current_directory()
    {
        var o = RunnerOptions.Parse(["--out", "elsewhere", "--no-build"], Root, Fixtures);
        Assert.Equal(Path.Combine(Fixtures, "elsewhere"), o.OutDir);
        Assert.False(o.Build);
    }

    [Fact]
    public void The_chapters_are_only_notebooks_in_the_notebooks_folder_never_the_test_fixtures()
    {
        // The fixtures include a file that is not valid JSON; the convention and execution tests
        // enumerate Repository.Notebooks, which must not reach into tests/.
        Assert.True(File.Exists(Path.Combine(Fixtures, "not-json.ipynb")));
        Assert.All(Repository.Notebooks(Root), n => Assert.Contains(Path.GetDirectoryName(n),
            Repository.Editions.Select(e => Path.Combine(Root, "notebooks", e))));
        Assert.Equal(Repository.EditionNotebooks(Root, "en").Select(Path.GetFileName), Repository.EditionNotebooks(Root, "ko").Select(Path.GetFileName));
    }
}
