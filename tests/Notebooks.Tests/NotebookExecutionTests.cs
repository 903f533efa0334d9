using Descent.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>Every chapter executes top to bottom, with zero errors, in its own real dotnet-interactive kernel.</summary>
[Collection("kernel")]
public class NotebookExecutionTests(RepositoryFixture repository, ITestOutputHelper log)
{
    public static TheoryData<string> Chapters() =>
        new(Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task Chapter_executes_without_errors(string notebook)
    {
        string path = Path.Combine(repository.Root, "notebooks", notebook);
        var run = await NotebookExecutor.RunAsync(repository.Root, path, Path.Combine(repository.OutputFolder, notebook));
        log.WriteLine(run.StatusLine);
        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(run.CodeCells, run.CellsRun);
    }

    [Fact]
    public void There_are_chapters_to_run() => Assert.True(Chapters().Count >= 2);
}
