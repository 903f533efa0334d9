using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Descent.Notebook;

/// <summary>
/// The FSharp.Core trap: the dotnet-interactive tool ships FSharp.Core 10.0.0.0 while Plotly.NET
/// 6.0.0 is compiled against 10.1.0.0, so in the real kernel the first chart fails with
/// "Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'". When the default load context
/// cannot satisfy a request for FSharp.Core, this hands it the FSharp.Core that is already loaded
/// (the APIs Plotly.NET uses exist in both). It is installed by a module initializer, i.e. the
/// first time anything in this library is touched, so the setup cell touches the library before any
/// chart is drawn.
/// </summary>
public static class FSharpCoreResolver
{
    private static int installed;

    /// <summary>Whether the handler is in place.</summary>
    public static bool IsInstalled => installed == 1;

    /// <summary>Installs the handler once; later calls do nothing.</summary>
#pragma warning disable CA2255 // a library module initializer is the point: it must run before any chart is drawn
    [ModuleInitializer]
    public static void Install()
#pragma warning restore CA2255
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
    }

    private static Assembly? ResolveFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase)) return null;
        // Prefer a copy that is already loaded anywhere in the process: there must be only one FSharp.Core.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            if (string.Equals(assembly.GetName().Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase))
                return assembly;
        // Otherwise the one shipped beside this library.
        string beside = Path.Combine(Path.GetDirectoryName(typeof(FSharpCoreResolver).Assembly.Location) ?? ".", "FSharp.Core.dll");
        return File.Exists(beside) ? context.LoadFromAssemblyPath(beside) : null;
    }
}
