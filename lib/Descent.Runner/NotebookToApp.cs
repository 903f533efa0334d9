using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Descent.Runner;

/// <summary>Something in a notebook's code that the app engine cannot convert faithfully.</summary>
/// <param name="Cell">The cell, 1-based among all cells (as the runner numbers cells).</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ConversionProblem(int Cell, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"cell {Cell}: {Message}";
}

/// <summary>A notebook turned into a file-based app.</summary>
/// <param name="Source">The app's C# source.</param>
/// <param name="Problems">Conventions the notebook breaks (the app may not build or may behave differently if any).</param>
public sealed record AppConversion(string Source, IReadOnlyList<ConversionProblem> Problems);

/// <summary>
/// Turns a notebook into a C# file-based app (<c>dotnet run NN-….cs</c>, .NET 10), its code cells in
/// order, each introduced by <c>AppHost.Cell</c> and mapped to the notebook with a <c>#line</c> directive
/// (compiler errors and stack traces name "NN-….ipynb, cell N"). Each cell is parsed by Roslyn as script
/// code, as the kernel parses it:
/// <list type="bullet">
/// <item>a trailing expression (the last statement, an expression without its semicolon) becomes
/// <c>AppHost.Result(expression);</c>, shown as the kernel shows a cell's value;</item>
/// <item><c>using</c> directives move to the top of the app; type declarations move to its end
/// (C# requires top-level statements before types);</item>
/// <item>kernel directives: <c>#r "nuget: Name, Version"</c> becomes <c>#:package Name@Version</c> with the
/// version from Directory.Packages.props, except Plotly.NET.Interactive (the kernel extension that
/// formats charts; <c>Descent.Notebook.AppHost</c> does that), which is dropped;
/// <c>#r "…/Descent.dll"</c> becomes <c>#:project</c> of lib/Descent; <c>#!csharp</c> is dropped; any other
/// <c>#r</c>, <c>#!</c>, <c>#i</c> or <c>#load</c> is a <see cref="ConversionProblem"/>.</item>
/// </list>
/// All cells share one scope in the app, so a name declared at a cell's top level twice, a top-level
/// <c>return</c>, or a cell-level method with an access modifier is a problem (<see cref="Check"/>).
/// </summary>
public static partial class NotebookToApp
{
    /// <summary>Namespaces every C# kernel cell sees without a using directive.</summary>
    public static readonly IReadOnlyList<string> KernelUsings =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>The package that only the kernel needs (it registers the chart formatter there).</summary>
    public const string KernelOnlyPackage = "Plotly.NET.Interactive";

    private static readonly CSharpParseOptions ScriptOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The problems only (what the convention test asserts is empty).</summary>
    public static IReadOnlyList<ConversionProblem> Check(NotebookFile notebook, string repositoryRoot) =>
        Convert(notebook, repositoryRoot, Path.Combine(repositoryRoot, "out", "apps", "check.cs")).Problems;

    /// <summary>
    /// The app path for a notebook: <c>APPS/NN-….cs</c> for an English chapter (or any other notebook),
    /// <c>APPS/ko/NN-….cs</c> for a chapter of another edition (notebooks/ko), so the editions never share a file.
    /// </summary>
    public static string AppPath(string appsFolder, string notebookPath)
    {
        string name = Path.ChangeExtension(Path.GetFileName(notebookPath), ".cs");
        string folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
        bool otherEdition = folder != Repository.SourceEdition && Repository.Editions.Contains(folder)
            && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!)) == "notebooks";
        return otherEdition ? Path.Combine(appsFolder, folder, name) : Path.Combine(appsFolder, name);
    }

    /// <summary>Converts <paramref name="notebook"/> into the source of an app that will live at <paramref name="appPath"/>.</summary>
    public static AppConversion Convert(NotebookFile notebook, string repositoryRoot, string appPath)
    {
        string appFolder = Path.GetDirectoryName(Path.GetFullPath(appPath))!;
        string notebookName = Path.GetFileName(notebook.Path);
        string Relative(string path) => Path.GetRelativePath(appFolder, path).Replace('\\', '/');
        var versions = PackageVersions(repositoryRoot);
        var problems = new List<ConversionProblem>();
        var packages = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        var declared = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0;

        foreach (var (index, cell) in notebook.CodeCells)
        {
            int cellNumber = index + 1;
            count++;
            string[] lines = NotebookFile.Source(cell).Replace("\r\n", "\n").Split('\n');
            // Kernel directives: translated into the app's header, blanked in the cell (line numbers kept).
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (!line.StartsWith('#') || line.StartsWith("#:", StringComparison.Ordinal)) continue;
                if (NugetReference().Match(line) is { Success: true } nuget)
                {
                    string name = nuget.Groups["name"].Value;
                    if (name.Equals(KernelOnlyPackage, StringComparison.OrdinalIgnoreCase)) { }
                    else if (versions.TryGetValue(name, out var version)) { if (!packages.Contains($"{name}@{version}")) packages.Add($"{name}@{version}"); }
                    else problems.Add(new(cellNumber, $"#r \"nuget: {name}\": the package is not in Directory.Packages.props, where the app takes every version from; add it there"));
                }
                else if (DllReference().Match(line) is { Success: true } dll)
                {
                    if (!dll.Groups["path"].Value.EndsWith("/Descent.dll", StringComparison.Ordinal)) problems.Add(new(cellNumber, $"{line}: only the Descent library can be referenced by path (it becomes #:project lib/Descent); use a package"));
                }
                else if (line is "#!csharp" or "#!c#") { }
                else if (line.StartsWith("#r", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal)
                         || line.StartsWith("#i", StringComparison.Ordinal) || line.StartsWith("#load", StringComparison.Ordinal))
                    problems.Add(new(cellNumber, $"{line}: a kernel directive the app engine cannot translate (it knows #r \"nuget: …\", #r \"…/Descent.dll\" and #!csharp)"));
                else continue;
                lines[i] = "";
            }
            string code = string.Join('\n', lines);
            var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
            var root = (CompilationUnitSyntax)tree.GetRoot();
            foreach (var d in tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                // The kernel accepts a last expression without its semicolon: that is the trailing expression.
                if (d.Id == "CS1002" && d.Location.SourceSpan.Start >= root.Members.LastOrDefault()?.Span.End) continue;
                problems.Add(new(cellNumber, $"does not parse as C# script: {d.GetMessage()} (line {d.Location.GetLineSpan().StartLinePosition.Line + 1})"));
            }

            // Edits on the cell's text, applied from the end so that earlier spans stay valid.
            var edits = new List<(int Start, int Length, string Text)>();
            foreach (var u in root.Usings)
            {
                string directive = u.ToString().Trim();
                if (!usings.Contains(directive)) usings.Add(directive);
                edits.Add((u.FullSpan.Start, u.FullSpan.Length, Blank(code.Substring(u.FullSpan.Start, u.FullSpan.Length))));
            }
            foreach (var member in root.Members)
            {
                foreach (var name in DeclaredNames(member))
                {
                    if (declared.TryGetValue(name, out int first))
                        problems.Add(new(cellNumber, $"'{name}' is already declared at the top level of cell {first}; the app runs all cells in one scope " +
                                                     "(the kernel lets a later cell redeclare it): give one of them another name"));
                    else declared[name] = cellNumber;
                }
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    int line = member.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    types.Append($"#line {line} \"{notebookName}, cell {cellNumber}\"\n").Append(member.ToString()).Append("\n#line default\n");
                    edits.Add((member.Span.Start, member.Span.Length, Blank(member.ToString())));
                }
                if (member is MethodDeclarationSyntax method && method.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword
                        or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword))
                    problems.Add(new(cellNumber, $"method {method.Identifier.Text} has an access modifier; in the app it is a local function: remove it"));
                if (member is GlobalStatementSyntax statement)
                    foreach (var ret in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                                 .OfType<ReturnStatementSyntax>())
                    problems.Add(new(cellNumber, $"'{ret}' at the top level of a cell: in the app it would end the whole program; " +
                                                 "end the cell with the value instead (an expression without a semicolon)"));
            }
            if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } trailing })
            {
                edits.Add((trailing.Expression.Span.End, 0, ");"));
                edits.Add((trailing.Expression.Span.Start, 0, "Descent.Notebook.AppHost.Result("));
            }
            foreach (var (start, length, text) in edits.OrderByDescending(e => e.Start).ThenBy(e => e.Length))
                code = code.Remove(start, length).Insert(start, text);

            body.Append($"\n// ── {notebookName}, cell {cellNumber} ──\nDescent.Notebook.AppHost.Cell({index}, {count});\n")
                .Append($"#line 1 \"{notebookName}, cell {cellNumber}\"\n").Append(code.TrimEnd()).Append("\n#line default\n");
        }

        var app = new StringBuilder();
        app.Append($"// Generated from notebooks/{Repository.ChapterName(repositoryRoot, notebook.Path)} by the runner's app engine (dotnet run --project lib/Descent.Runner -- --engine app).\n")
            .Append("// Do not edit: change the notebook. Runs on its own: dotnet run ")
            .Append(Path.GetRelativePath(repositoryRoot, appPath).Replace('\\', '/')).Append(" (prints the cells' output; charts to the .html beside it)\n");
        foreach (var p in packages) app.Append($"#:package {p}\n");
        // The library is referenced even when no cell loads it: its AppHost runs the app.
        app.Append($"#:project {Relative(Path.Combine(repositoryRoot, "lib", "Descent", "Descent.csproj"))}\n");
        // As in the kernel: no implicit usings but the kernel's own, no nullable context; the app's versions are
        // written out above, so central package management (Directory.Packages.props) is switched off for it.
        app.Append("#:property ManagePackageVersionsCentrally=false\n#:property ImplicitUsings=disable\n#:property Nullable=disable\n")
            .Append("#:property TreatWarningsAsErrors=true\n#:property GenerateDocumentationFile=false\n")
            // #line names "NN-….ipynb, cell N", which is no file: embedding it into the PDB would fail (CS1504).
            .Append("#:property EmbedUntrackedSources=false\n");
        foreach (var u in KernelUsings) if (!usings.Contains($"using {u};")) app.Append($"using {u};\n");
        foreach (var u in usings) app.Append(u).Append('\n');
        app.Append("using static Descent.Notebook.AppGlobals;\n\n")
            // A cell after one that always throws is unreachable code to the compiler; the kernel runs it (or stops first).
            .Append("#pragma warning disable CS0162\n");
        string notebookFolder = Relative(Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!);
        app.Append($"Descent.Notebook.AppHost.Start(\"{notebookFolder}\");\n").Append(body)
            .Append("\nDescent.Notebook.AppHost.Finish();\n");
        if (types.Length > 0) app.Append("\n// Type declarations of the cells (C# puts them after the top-level statements).\n").Append(types);
        return new AppConversion(app.ToString(), problems);
    }

    /// <summary>The names a cell declares at its top level (visible to every later cell).</summary>
    public static IEnumerable<string> DeclaredNames(MemberDeclarationSyntax member)
    {
        switch (member)
        {
            case FieldDeclarationSyntax field:
                foreach (var v in field.Declaration.Variables) yield return v.Identifier.Text;
                break;
            case MethodDeclarationSyntax method:
                yield return method.Identifier.Text;
                break;
            case BaseTypeDeclarationSyntax type:
                yield return type.Identifier.Text;
                break;
            case DelegateDeclarationSyntax del:
                yield return del.Identifier.Text;
                break;
            case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                foreach (var v in local.Declaration.Variables) yield return v.Identifier.Text;
                break;
            case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                yield return function.Identifier.Text;
                break;
            case GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression }:
                // var (a, b) = …; and out var x at the top level leak into the enclosing scope.
                foreach (var d in expression.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                             .OfType<SingleVariableDesignationSyntax>())
                    yield return d.Identifier.Text;
                break;
        }
    }

    /// <summary>Package name → version, from Directory.Packages.props.</summary>
    public static IReadOnlyDictionary<string, string> PackageVersions(string repositoryRoot) =>
        XDocument.Load(Path.Combine(repositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => e.Attribute("Include") is not null && e.Attribute("Version") is not null)
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);

    private static string Blank(string text) => new('\n', text.Count(c => c == '\n'));

    [GeneratedRegex(@"^#r\s+""nuget:\s*(?<name>[^,""\s]+)\s*(,\s*(?<version>[^""]*))?""\s*$")]
    private static partial Regex NugetReference();

    [GeneratedRegex(@"^#r\s+""(?<path>[^""]+\.dll)""\s*$")]
    private static partial Regex DllReference();
}
