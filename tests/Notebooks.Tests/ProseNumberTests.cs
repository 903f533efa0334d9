using Descent.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>
/// Every number in a chapter's prose matches, at the precision written, a number the executed chapter
/// prints or writes in its code, or is declared on a visible Constants line (rules: <see cref="ProseNumbers"/>).
/// </summary>
[Collection("kernel")]
public class ProseNumberTests(RepositoryFixture repository, ITestOutputHelper log)
{
    public static TheoryData<string> Chapters() => NotebookExecutionTests.Chapters();

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_number_in_the_prose_is_computed_or_declared(string notebook)
    {
        var run = repository.Chapters[notebook];
        // Half a run has half its outputs: its prose would fail for the wrong reason.
        Assert.True(run.Succeeded, $"{notebook} did not execute, so its prose cannot be checked: {run.Error}");
        Assert.True(run.ExecutedPath is not null && File.Exists(run.ExecutedPath), $"{notebook}: no executed copy");

        var violations = ProseNumbers.Check(run.ExecutedPath);
        foreach (var violation in violations) log.WriteLine(violation.ToString());
        Assert.True(violations.Count == 0,
            $"{violations.Count} number(s) in {notebook}'s prose match nothing it computes, prints or declares " +
            $"(fix the prose, print the number, or declare it on a \"Constants:\" line):\n{ProseNumbers.Report(violations)}");
    }
}
