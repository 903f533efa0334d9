using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>The repository root, with the pinned kernel tool restored once for the whole test run.</summary>
public sealed class RepositoryFixture
{
    public RepositoryFixture()
    {
        Root = Repository.Root(AppContext.BaseDirectory);
        Repository.RestoreTools(Root, TextWriter.Null);
    }

    public string Root { get; }

    /// <summary>Where the tests write executed notebooks (ignored by git, like all of out/).</summary>
    public string OutputFolder => Path.Combine(Root, "out", "test-notebooks");
}

[CollectionDefinition("kernel")]
public sealed class KernelCollection : ICollectionFixture<RepositoryFixture>;
