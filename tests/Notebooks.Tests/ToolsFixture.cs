using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// For tests that start kernels on fixture notebooks but need no chapter: the repository root and the
/// pinned kernel tool restored (once per test run), without executing the chapters.
/// </summary>
public sealed class ToolsFixture
{
    private static readonly Lazy<string> Restored = new(() =>
    {
        string root = Repository.Root(AppContext.BaseDirectory);
        Repository.RestoreTools(root, TextWriter.Null);
        return root;
    });

    public string Root => Restored.Value;

    public string Fixture(string name) => Path.Combine(Root, "tests", "Notebooks.Tests", "Fixtures", name);
}

/// <summary>Runner tests run one after another (each starts a kernel), beside the chapters' collection.</summary>
[CollectionDefinition("runner")]
public sealed class RunnerCollection : ICollectionFixture<ToolsFixture>;
