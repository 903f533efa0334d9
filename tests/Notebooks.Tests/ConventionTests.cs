using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>How notebooks are committed: clean, with pinned versions, the right metadata and the shared setup cell.</summary>
public partial class ConventionTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    /// <summary>The packages the notebooks load, in the order the setup cell loads them.</summary>
    private static readonly string[] NotebookPackages = ["Plotly.NET", "Plotly.NET.CSharp", "Plotly.NET.Interactive", "MathNet.Numerics"];

    public static TheoryData<string> Chapters() => new(Repository.Notebooks(Root).Select(n => Repository.ChapterName(Root, n)));

    private static NotebookFile Load(string name) => NotebookFile.Load(Path.Combine(Root, "notebooks", name));

    private static Dictionary<string, string> PinnedVersions() =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The setup cell every chapter starts with, built from Directory.Packages.props.</summary>
    public static string ExpectedSetupCell()
    {
        var pinned = PinnedVersions();
        var lines = NotebookPackages.Select(p => $"#r \"nuget: {p}, {pinned[p]}\"").ToList();
        lines.Add($"#r \"{Repository.LibraryReference}\"");
        lines.AddRange(["using Descent;", "using Descent.Charts;", "using Descent.Landscapes;", "using Descent.Notebook;", "using Descent.Optimizers;"]);
        lines.Add("NotebookSetup.Run();");
        return string.Join("\n", lines);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Is_committed_without_outputs(string notebook)
    {
        foreach (var (index, cell) in Load(notebook).CodeCells)
        {
            Assert.True(cell["outputs"] is JsonArray { Count: 0 }, $"{notebook} cell {index + 1} has outputs: commit notebooks cleared");
            Assert.True(cell["execution_count"] is null, $"{notebook} cell {index + 1} has an execution count");
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_nuget_reference_matches_Directory_Packages_props(string notebook)
    {
        var pinned = PinnedVersions();
        int seen = 0;
        foreach (var (index, cell) in Load(notebook).CodeCells)
        foreach (Match m in NugetReference().Matches(NotebookFile.Source(cell)))
        {
            seen++;
            string package = m.Groups["package"].Value.Trim(), version = m.Groups["version"].Value.Trim();
            Assert.True(pinned.TryGetValue(package, out var expected), $"{notebook} cell {index + 1}: {package} is not pinned in Directory.Packages.props");
            Assert.True(expected == version, $"{notebook} cell {index + 1}: {package} {version}, but Directory.Packages.props pins {expected}");
        }
        Assert.True(seen >= NotebookPackages.Length, $"{notebook}: found only {seen} #r \"nuget: ...\" lines; the setup cell has {NotebookPackages.Length}");
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Has_the_kernel_metadata_VS_Code_and_Jupyter_expect(string notebook)
    {
        var nb = Load(notebook);
        var kernelspec = nb.Metadata?["kernelspec"];
        Assert.Equal(".net-csharp", (string?)kernelspec?["name"]);
        Assert.Equal("C#", (string?)kernelspec?["language"]);
        Assert.Equal(".NET (C#)", (string?)kernelspec?["display_name"]);
        Assert.Equal("csharp", (string?)nb.Metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        foreach (var (index, cell) in nb.CodeCells)
            Assert.True((string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"] == "csharp", $"{notebook} cell {index + 1} has no csharp kernelName");
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void First_code_cell_is_the_shared_setup_cell(string notebook)
    {
        var first = Load(notebook).CodeCells.First();
        Assert.Equal(ExpectedSetupCell(), NotebookFile.Source(first.Cell).Replace("\r\n", "\n").Trim());
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Is_named_as_a_numbered_chapter_and_starts_with_its_title(string notebook)
    {
        var m = ChapterName().Match(Path.GetFileName(notebook));
        Assert.True(m.Success, $"{notebook} should be named NN-words.ipynb");
        var firstCell = Load(notebook).Cells.First();
        Assert.Equal("markdown", (string?)firstCell["cell_type"]);
        Assert.StartsWith($"# {m.Groups["number"].Value} · ", NotebookFile.Source(firstCell));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Charts_come_from_the_library_and_claims_are_checked(string notebook)
    {
        var code = Load(notebook).CodeCells.Skip(1).Select(c => NotebookFile.Source(c.Cell)).ToList();
        Assert.DoesNotContain(code, c => PlotlyDirect().IsMatch(c));
        Assert.Contains(code, c => c.Contains("Check.") || c.Contains("Exercise."));
    }

    [Fact]
    public void The_library_reference_is_the_fixed_output_folder()
    {
        string csproj = File.ReadAllText(Path.Combine(Root, "lib", "Descent", "Descent.csproj"));
        Assert.Contains("<OutputPath>$(MSBuildThisFileDirectory)bin/notebook/</OutputPath>", csproj);
        Assert.Equal("../../lib/Descent/bin/notebook/Descent.dll", Repository.LibraryReference);
    }

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<package>[^,""]+),\s*(?<version>[^""]+)""")]
    private static partial Regex NugetReference();

    [GeneratedRegex(@"^(?<number>\d\d)-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")]
    private static partial Regex ChapterName();

    [GeneratedRegex(@"(?<![A-Za-z.])Chart\.|Plotly\.NET")]
    private static partial Regex PlotlyDirect();
}
