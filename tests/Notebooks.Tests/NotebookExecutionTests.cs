using Descent.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>Every chapter executes top to bottom, with zero errors, in its own real dotnet-interactive kernel.</summary>
[Collection("kernel")]
public class NotebookExecutionTests(RepositoryFixture repository, ITestOutputHelper log)
{
    public static TheoryData<string> Chapters() =>
        new(Repository.Notebooks(Repository.Root(AppContext.BaseDirectory)).Select(n => Repository.ChapterName(Repository.Root(AppContext.BaseDirectory), n)));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_executes_without_errors(string notebook)
    {
        var run = repository.Chapters[notebook];
        log.WriteLine(run.StatusLine);
        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(run.CodeCells, run.CellsRun);
        Assert.True(File.Exists(run.ExecutedPath));
    }

    [Fact]
    public void There_are_chapters_to_run() => Assert.True(Chapters().Count >= 2);
}
