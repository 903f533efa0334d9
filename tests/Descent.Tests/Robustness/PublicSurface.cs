using System.Reflection;
using System.Runtime.CompilerServices;

namespace Descent.Tests.Robustness;

/// <summary>
/// Every public constructor, method and property setter of every public type in Descent.dll that the
/// robustness table must cover, each under a readable key such as
/// <c>Descent.Sweep.LogSpaced(Double, Double, Int32)</c>. Getters take no input and are not listed.
/// </summary>
internal static class PublicSurface
{
    /// <summary>Folders (namespaces and types) another engineer owns right now: listed in the report, not covered.</summary>
    public static readonly string[] NotCoveredYet =
    [
        "Descent.Charts.",                  // Charts/*
        "Descent.Notebook.Check",           // Notebook/Check.cs (and CheckFailedException)
        "Descent.Notebook.Exercise",        // Notebook/Exercise.cs
        "Descent.Notebook.Table",           // Notebook/Table.cs
        "Descent.Notebook.NotebookSetup",   // the formatters
        // The host of the generated apps (AppHost, AppDisplayedValue, AppGlobals): it takes over the process's
        // console and working directory, so it is exercised by running every chapter as an app (Notebooks.Tests).
        "Descent.Notebook.App",
    ];

    public static Assembly Library => typeof(Require).Assembly;

    public static bool Covered(Type type) =>
        type.IsPublic || type.IsNestedPublic
            ? !NotCoveredYet.Any(prefix => (type.FullName ?? "").StartsWith(prefix, StringComparison.Ordinal))
            : false;

    /// <summary>The members, by key.</summary>
    public static IReadOnlyDictionary<string, MemberInfo> Members()
    {
        var members = new SortedDictionary<string, MemberInfo>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in Library.GetExportedTypes().Where(Covered))
        {
            if (type.IsInterface || type.IsEnum || typeof(Delegate).IsAssignableFrom(type)) continue;
            foreach (var c in type.GetConstructors(flags)) members[Key(c)] = c;
            foreach (var m in type.GetMethods(flags))
            {
                if (m.IsSpecialName && (m.Name.StartsWith("get_") || m.Name.StartsWith("add_") || m.Name.StartsWith("remove_")))
                    continue;
                members[Key(m)] = m;
            }
        }
        return members;
    }

    public static string Key(MethodBase m)
    {
        string name = m is ConstructorInfo ? ".ctor" : m.Name;
        if (m is MethodInfo { IsGenericMethodDefinition: true } g)
            name += "<" + string.Join(", ", g.GetGenericArguments().Select(a => a.Name)) + ">";
        return $"{Pretty(m.DeclaringType!)}.{name}({string.Join(", ", m.GetParameters().Select(p => Pretty(p.ParameterType)))})";
    }

    public static string Pretty(Type t)
    {
        if (t.IsByRef) return Pretty(t.GetElementType()!) + "&";
        if (t.IsArray) return Pretty(t.GetElementType()!) + "[]";
        if (t.IsGenericParameter) return t.Name;
        if (Nullable.GetUnderlyingType(t) is { } inner) return Pretty(inner) + "?";
        if (t.IsGenericType)
        {
            string bare = t.Name[..t.Name.IndexOf('`')];
            return $"{bare}<{string.Join(", ", t.GetGenericArguments().Select(Pretty))}>";
        }
        return t.DeclaringType is { } outer && !t.IsGenericParameter && t.Namespace?.StartsWith("Descent") == true
            ? $"{Pretty(outer)}.{t.Name}"
            : t.Namespace?.StartsWith("Descent") == true ? $"{t.Namespace}.{t.Name}" : t.Name;
    }

    /// <summary>Compiler-made record plumbing and object overrides: they take no learner input.</summary>
    public static bool IsPlumbing(MethodBase m) =>
        m.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "<Clone>$" or "op_Equality"
            or "op_Inequality" or "PrintMembers"
        || (m is ConstructorInfo c && c.GetParameters() is [{ } only] && only.ParameterType == c.DeclaringType)
        || (m.IsDefined(typeof(CompilerGeneratedAttribute)) && !m.Name.StartsWith("set_", StringComparison.Ordinal));
}
