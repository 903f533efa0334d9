using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// Notebook code reads well on a laptop and an iPad: short lines, and no hand-picked colours (charts
/// colour every optimizer the same way everywhere; the library decides).
/// </summary>
public class CodeStyleConventionTests
{
    /// <summary>The longest code line a chapter may have.</summary>
    public const int MaxLineLength = 100;

    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    public static TheoryData<string> Chapters() => new(Repository.Notebooks(Root).Select(n => Repository.ChapterName(Root, n)));

    private static IEnumerable<(int Cell, int Line, string Text)> CodeLines(string notebook)
    {
        var file = NotebookFile.Load(Path.Combine(Root, "notebooks", notebook));
        foreach (var (index, cell) in file.CodeCells)
        {
            var lines = NotebookFile.Source(cell).Split('\n');
            for (int i = 0; i < lines.Length; i++) yield return (index, i + 1, lines[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void No_code_line_is_longer_than_100_characters(string notebook)
    {
        var longLines = CodeLines(notebook).Where(l => l.Text.TrimEnd().Length > MaxLineLength)
            .Select(l => $"cell {l.Cell} line {l.Line} ({l.Text.TrimEnd().Length} chars): {l.Text.Trim()[..40]}…").ToList();
        Assert.True(longLines.Count == 0, $"{notebook}: {longLines.Count} lines over {MaxLineLength} characters:\n" +
            string.Join("\n", longLines));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void No_chapter_picks_colours_by_hand(string notebook)
    {
        var uses = CodeLines(notebook).Where(l => l.Text.Contains("Palette", StringComparison.Ordinal))
            .Select(l => $"cell {l.Cell} line {l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(uses.Count == 0, $"{notebook} uses Palette (let Series/Plot colour by optimizer name):\n" +
            string.Join("\n", uses));
    }

    [Fact]
    public void The_line_check_sees_the_chapters_code()
    {
        int lines = Repository.Notebooks(Root).Sum(path => CodeLines(Repository.ChapterName(Root, path)).Count());
        Assert.True(lines > 500, $"only {lines} code lines found: the check would pass vacuously");
    }
}
