using System.Text.Json.Nodes;
using Descent.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests;

/// <summary>
/// Every playground survives a learner: each knob set to NaN, ±∞, 0, negative, huge, empty or null
/// either runs cleanly or prints one line that names the knob ("✘ playEta = NaN is out of range: …"),
/// never an exception. Runs each chapter up to its playground, then every variant, in one real kernel.
/// </summary>
[Collection("kernel")]
public class PlaygroundTests(RepositoryFixture repository, ITestOutputHelper log)
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    // The English edition only: the Korean chapters' code cells are byte-identical to the English (TranslationTests),
    // so their playgrounds are the same code, driven with the same knobs.
    public static TheoryData<string> ChaptersWithAPlayground() => new(Repository.EditionNotebooks(Root, Repository.SourceEdition)
        .Where(p => PlaygroundProbe.Find(NotebookFile.Load(p)) is not null).Select(p => Repository.ChapterName(Root, p)));

    [Fact]
    public void Every_chapter_after_the_first_has_one_playground_with_knobs()
    {
        foreach (var path in Repository.Notebooks(Root).Where(p => !Path.GetFileName(p).StartsWith("00", StringComparison.Ordinal)))
        {
            var playground = PlaygroundProbe.Find(NotebookFile.Load(path));
            Assert.True(playground is not null, $"{Path.GetFileName(path)} has no cell starting with '{PlaygroundProbe.Marker}'");
            Assert.NotEmpty(PlaygroundProbe.Knobs(playground.Value.Source));
        }
    }

    [Fact]
    public void The_probe_changes_exactly_one_knob()
    {
        string cell = "// Playground\ndouble playEta = 0.1;   // η ≥ 0\nint playSteps = 60;\nPlayground.Run(() => 1)";
        Assert.Equal([("double", "playEta"), ("int", "playSteps")], PlaygroundProbe.Knobs(cell));
        string changed = PlaygroundProbe.WithKnob(cell, "playSteps", "int.MaxValue");
        Assert.Contains("int playSteps = int.MaxValue;", changed);
        Assert.Contains("double playEta = 0.1;   // η ≥ 0", changed);
    }

    [Theory]
    [MemberData(nameof(ChaptersWithAPlayground))]
    public async Task Every_knob_at_an_extreme_runs_cleanly_or_names_the_knob(string notebook)
    {
        Assert.True(repository.Chapters[notebook].Succeeded, $"{notebook} itself does not run");
        string probe = Path.Combine(Root, "out", "playground-probes", notebook);
        var variants = PlaygroundProbe.Write(Root, Path.Combine(Root, "notebooks", notebook), probe);
        Assert.NotEmpty(variants);
        string executed = Path.ChangeExtension(probe, ".executed.ipynb");
        var run = await NotebookExecutor.RunAsync(Root, probe, executed);
        log.WriteLine(run.StatusLine);
        var failed = variants.FirstOrDefault(v => v.Cell == run.FailedCell);
        Assert.True(run.Succeeded, failed is null ? run.Error
            : $"{failed.Knob} = {failed.Value} made the playground throw instead of naming the knob:\n{run.Error}");
        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        foreach (var v in variants)
        {
            string output = cells[v.Cell]!["outputs"]!.ToJsonString();
            string line = System.Text.RegularExpressions.Regex.Unescape(output);
            if (line.Contains('✘'))
                Assert.True(line.Contains(v.Knob, StringComparison.Ordinal),
                    $"{v.Knob} = {v.Value}: the message does not name the knob: {line[..Math.Min(300, line.Length)]}");
            log.WriteLine($"{v.Knob} = {v.Value}: {(line.Contains('✘') ? "named in a clear message" : "ran cleanly")}");
        }
    }
}
