using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// Shared by every test that needs the kernel: the repository root, the pinned kernel tool restored,
/// and every chapter executed once (each in its own real kernel process), with the executed copies
/// in out/test-notebooks/en and out/test-notebooks/ko for the book tests to render.
/// </summary>
public sealed class RepositoryFixture : IAsyncLifetime
{
    public RepositoryFixture()
    {
        Root = Repository.Root(AppContext.BaseDirectory);
        Repository.RestoreTools(Root, TextWriter.Null);
    }

    public string Root { get; }

    /// <summary>Where the tests write executed notebooks (ignored by git, like all of out/).</summary>
    public string OutputFolder => Path.Combine(Root, "out", "test-notebooks");

    /// <summary>The executed chapters of both editions, by name relative to notebooks/ ("en/02-momentum.ipynb").</summary>
    public Dictionary<string, NotebookRun> Chapters { get; } = [];

    public async Task InitializeAsync()
    {
        if (Directory.Exists(OutputFolder)) Directory.Delete(OutputFolder, recursive: true);
        foreach (var notebook in Repository.Notebooks(Root))
        {
            string name = Repository.ChapterName(Root, notebook);
            Chapters[name] = await NotebookExecutor.RunAsync(Root, notebook, Path.Combine(OutputFolder, name));
        }
    }

    private readonly SemaphoreSlim bookGate = new(1, 1);
    private BookSite? book;

    /// <summary>The book rendered from the executed chapters (built once, on first use); its browser starts when a test asks for it.</summary>
    public async Task<BookSite> BookAsync()
    {
        await bookGate.WaitAsync();
        try
        {
            return book ??= BookSite.Build(OutputFolder, Path.Combine(Root, "out", "test-book"));
        }
        finally
        {
            bookGate.Release();
        }
    }

    private Descent.Book.PdfReport? pdf;

    /// <summary>The test book printed to PDF by headless Chromium (once, on first use; fails clearly without Chromium).</summary>
    public async Task<Descent.Book.PdfReport> PdfAsync()
    {
        var site = await BookAsync();
        await bookGate.WaitAsync();
        try
        {
            return pdf ??= Descent.Book.PdfPrinter.Print(site.Folder, Chromium.RequirePath());
        }
        finally
        {
            bookGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (book is not null) await book.DisposeAsync();
    }
}

[CollectionDefinition("kernel")]
public sealed class KernelCollection : ICollectionFixture<RepositoryFixture>;
