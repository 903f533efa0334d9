using System.Text.RegularExpressions;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The README and its Korean edition link to each other, and every file either links to exists.</summary>
public partial class ReadmeTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    [Theory]
    [InlineData("README.md", "README.ko.md")]
    [InlineData("README.ko.md", "README.md")]
    public void Links_to_the_other_language_and_to_files_that_exist(string readme, string other)
    {
        string text = File.ReadAllText(Path.Combine(Root, readme));
        var targets = Link().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(t => !t.StartsWith("http", StringComparison.Ordinal) && !t.StartsWith('#')).ToList();
        Assert.Contains(other, targets);
        var missing = targets.Select(t => t.Split('#')[0]).Where(t => !File.Exists(Path.Combine(Root, t)) && !Directory.Exists(Path.Combine(Root, t))).ToList();
        Assert.True(missing.Count == 0, $"{readme} links to missing files: {string.Join(", ", missing)}");
        // Every chapter of both editions is linked.
        foreach (var notebook in Repository.Notebooks(Root))
            Assert.Contains($"notebooks/{Repository.ChapterName(Root, notebook)}", targets);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
