using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Descent.Landscapes;
using Descent.Optimizers.Pieces;

namespace Descent.Tests.Robustness;

/// <summary>
/// One table entry: a member of the library, a valid call of it (the baseline, which must work) and
/// how to read its parameters' names. <see cref="Fuzz"/> derives the bad-input cases from it.
/// </summary>
/// <param name="Member">The constructor, method or setter (generic methods as their definition).</param>
/// <param name="Call">The member as called, e.g. the closed generic method.</param>
/// <param name="Target">Makes a fresh instance to call an instance member on (null for static members).</param>
/// <param name="Args">Makes each argument fresh, in order.</param>
internal sealed record Entry(MethodBase Member, MethodBase Call, Func<object?>? Target, Func<object?>[] Args)
{
    /// <summary>Other names a message may use for a parameter (e.g. "momentum" for MomentumCoefficient's value).</summary>
    public Dictionary<string, string[]> Aliases { get; init; } = [];

    /// <summary>Inputs accepted on purpose although they look bad (the key is "parameter = value").</summary>
    public Dictionary<string, string> Allowed { get; init; } = [];

    public Entry Alias(string parameter, params string[] names) =>
        this with { Aliases = new(Aliases) { [parameter] = names } };

    public Entry Allow(string input, string why) => this with { Allowed = new(Allowed) { [input] = why } };

    /// <summary>A call written as an expression: <c>() =&gt; new Sgd(0.1, 0.9)</c> or <c>() =&gt; x.Method(…)</c>.</summary>
    public static Entry Of(Expression<Func<object?>> call)
    {
        Expression body = call.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : call.Body;
        return body switch
        {
            NewExpression n => new(n.Constructor!, n.Constructor!, null, n.Arguments.Select(Maker).ToArray()),
            MethodCallExpression m => new(Definition(m.Method), m.Method,
                m.Object is null ? null : Maker(m.Object), m.Arguments.Select(Maker).ToArray()),
            BinaryExpression { Method: { } op } b => new(op, op, null, [Maker(b.Left), Maker(b.Right)]),
            _ => throw new ArgumentException($"not a constructor or method call: {call}"),
        };
    }

    /// <summary>A call of a void member: <c>() =&gt; x.Reset()</c>.</summary>
    public static Entry OfVoid(Expression<Action> call) =>
        call.Body is MethodCallExpression m
            ? new(Definition(m.Method), m.Method, m.Object is null ? null : Maker(m.Object), m.Arguments.Select(Maker).ToArray())
            : throw new ArgumentException($"not a method call: {call}");

    /// <summary>A property setter (init setters of records too), called on a fresh <paramref name="target"/>.</summary>
    public static Entry Setter<T>(Func<T> target, string property, object? valid)
    {
        var setter = typeof(T).GetProperty(property)!.SetMethod!;
        return new Entry(setter, setter, () => target(), [() => valid]).Alias("value", property);
    }

    private static MethodBase Definition(MethodInfo m) => m.IsGenericMethod ? m.GetGenericMethodDefinition() : m;

    private static Func<object?> Maker(Expression e) =>
        Expression.Lambda<Func<object?>>(Expression.Convert(e, typeof(object))).Compile();
}

/// <summary>The outcome of one fuzzed call, or why it is a defect.</summary>
internal static class Fuzz
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A bad value for one parameter, and how a message may show it.</summary>
    internal sealed record Bad(object? Value, string Label, string[] Shown, bool Numeric, bool Nan, bool Huge);

    /// <summary>The inputs every parameter of this type is tried with.</summary>
    public static IEnumerable<Bad> ValuesFor(Type type)
    {
        if (type == typeof(double) || type == typeof(double?))
        {
            if (type == typeof(double?)) yield return Null();
            foreach (double v in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -1, 1e308 })
                yield return Number(v);
            yield break;
        }
        if (type == typeof(int) || type == typeof(int?))
        {
            if (type == typeof(int?)) yield return Null();
            foreach (int v in new[] { 0, -1, int.MaxValue, int.MinValue })
                yield return new(v, v.ToString(CultureInfo.InvariantCulture),
                    [v.ToString(CultureInfo.InvariantCulture), v.ToString("N0", CultureInfo.InvariantCulture),
                        v.ToString(CultureInfo.InvariantCulture).Replace('-', '−')],
                    true, false, v == int.MaxValue || v == int.MinValue);
            yield break;
        }
        if (type == typeof(bool)) yield break;
        if (type.IsEnum)
        {
            yield return new(Enum.ToObject(type, 99), "99", ["99"], true, false, false);
            yield break;
        }
        if (type == typeof(string))
        {
            yield return Null();
            yield return new("", "\"\"", ["\"\"", "empty", "Length = 0"], false, false, false);
            yield return new("   ", "\"   \"", ["\"   \"", "empty", "whitespace", "white space"], false, false, false);
            yield break;
        }
        if (type == typeof(Point2) || type == typeof(Point2?))
        {
            if (type == typeof(Point2?)) yield return Null();
            yield return Point(new Point2(double.NaN, 0), nan: true, huge: false);
            yield return Point(new Point2(double.PositiveInfinity, 1), nan: false, huge: true);
            yield return Point(new Point2(1e308, -1e308), nan: false, huge: true);
            yield break;
        }
        if (type == typeof((double, double)?))
        {
            yield return Null();
            yield return new(((double, double)?)(double.NaN, 1), "(NaN, 1)", ["NaN"], true, true, false);
            yield return new(((double, double)?)(1, -1), "(1, -1)", ["(1, -1)", "-1"], true, false, false);
            yield return new(((double, double)?)(0, 0), "(0, 0)", ["(0, 0)", "0"], true, false, false);
            yield return new(((double, double)?)(double.NegativeInfinity, double.PositiveInfinity), "(-∞, ∞)",
                ["Infinity", "∞"], true, false, true);
            yield break;
        }
        if (type.IsValueType) yield break;

        yield return Null();
        if (type == typeof(double[]) || type == typeof(IEnumerable<double>) || type == typeof(IReadOnlyList<double>))
        {
            yield return Empty(Array.Empty<double>());
            yield return Element(new[] { 1.0, double.NaN }, double.NaN);
            yield return Element(new[] { double.PositiveInfinity }, double.PositiveInfinity);
            yield return Element(new[] { 1e308, -1e308 }, 1e308);
        }
        else if (type == typeof(int[]) || type == typeof(IReadOnlyList<int>))
        {
            yield return Empty(Array.Empty<int>());
            yield return new(new[] { -1 }, "[-1]", ["-1"], true, false, false);
            yield return new(new[] { int.MaxValue }, "[int.MaxValue]", ["2147483647", "2,147,483,647"], true, false, true);
        }
        else if (type == typeof(int?[]))
        {
            yield return Empty(Array.Empty<int?>());
            yield return new(new int?[] { -1, null }, "[-1, null]", ["-1"], true, false, false);
        }
        else if (type == typeof(double[][]))
        {
            yield return Empty(Array.Empty<double[]>());
            yield return new(new double[][] { null! }, "[null]", ["null"], false, false, false);
            yield return new(new[] { new[] { 1.0 }, new[] { 1.0, 2.0 } }, "[[1], [1, 2]]", ["1", "2"], false, false, false);
        }
        else if (type == typeof(IEnumerable<IReadOnlyList<double>>))
        {
            yield return Empty(Array.Empty<IReadOnlyList<double>>());
            yield return new(new IReadOnlyList<double>[] { null! }, "[null]", ["null"], false, false, false);
            yield return new(new IReadOnlyList<double>[] { [1.0], [double.NaN] }, "[[1], [NaN]]", ["NaN"], true, true, false);
            yield return new(new IReadOnlyList<double>[] { [1.0], [1.0, 2.0] }, "[[1], [1, 2]]", ["1", "2"], false, false, false);
        }
        else if (type == typeof(IGradientTransformation[]))
        {
            yield return Empty(Array.Empty<IGradientTransformation>());
            yield return new(new IGradientTransformation[] { null! }, "[null]", ["null"], false, false, false);
        }
        else if (typeof(Delegate).IsAssignableFrom(type) && type.GetMethod("Invoke") is { } invoke
                 && invoke.ReturnType != typeof(void))
        {
            // A callback that returns nothing useful: null for an object, NaN for a number.
            var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType)).ToArray();
            Expression result = invoke.ReturnType == typeof(double)
                ? Expression.Constant(double.NaN)
                : Expression.Default(invoke.ReturnType);
            var lambda = Expression.Lambda(type, result, parameters).Compile();
            bool number = invoke.ReturnType == typeof(double);
            yield return new(lambda, number ? "a callback returning NaN" : "a callback returning null",
                number ? ["NaN"] : ["null"], number, false, false);
        }
    }

    private static Bad Null() => new(null, "null", ["null"], false, false, false);

    private static Bad Empty(object value) => new(value, "empty", ["empty", "Length = 0", "0 value", "at least", "[1,"],
        false, false, false);

    private static Bad Element(object value, double bad) =>
        new(value, $"[… {Show(bad)} …]", Spellings(bad), true, double.IsNaN(bad), !double.IsNaN(bad));

    private static Bad Number(double v) =>
        new(v, Show(v), Spellings(v), true, double.IsNaN(v), double.IsInfinity(v) || Math.Abs(v) >= 1e300);

    private static Bad Point(Point2 p, bool nan, bool huge) =>
        new(p, p.ToString(), [p.ToString(), Show(p.X)], true, nan, huge);

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The ways the library spells a number in a message.</summary>
    public static string[] Spellings(double v) =>
    [
        v.ToString("R", CultureInfo.InvariantCulture), v.ToString("G6", CultureInfo.InvariantCulture),
        v.ToString("G4", CultureInfo.InvariantCulture), v.ToString("G3", CultureInfo.InvariantCulture),
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "−∞"
            : v.ToString("R", CultureInfo.InvariantCulture).Replace('-', '−'),
    ];

    /// <summary>Runs fn with a time limit; a call that does not return is a hang.</summary>
    public static (object? Result, Exception? Error) Invoke(Func<object?> fn, string what)
    {
        var task = Task.Run(() =>
        {
            try { return (fn(), (Exception?)null); }
            catch (TargetInvocationException e) { return ((object?)null, e.InnerException ?? e); }
            catch (Exception e) { return (null, e); }
        });
        if (!task.Wait(Patience))
            throw new Xunit.Sdk.XunitException($"{what}: no answer within {Patience.TotalSeconds} s (a hang)");
        return task.Result;
    }

    /// <summary>The observable state of an object: its public properties, recursively (a string to compare).</summary>
    public static string Snapshot(object? o, int depth = 0)
    {
        switch (o)
        {
            case null: return "null";
            case double d: return d.ToString("R", CultureInfo.InvariantCulture);
            case string s: return "\"" + s + "\"";
            case Delegate: return "delegate";
            case IEnumerable e when depth < 3:
                return "[" + string.Join(",", e.Cast<object?>().Take(10_000).Select(x => Snapshot(x, depth + 1))) + "]";
        }
        var type = o.GetType();
        if (type.IsPrimitive || type.IsEnum || depth >= 3 || type.Namespace?.StartsWith("Descent") != true)
            return Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
        var parts = new List<string>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name))
        {
            string value;
            try { value = Snapshot(p.GetValue(o), depth + 1); }
            catch (TargetInvocationException e) { value = "!" + e.InnerException?.GetType().Name; }
            parts.Add(p.Name + "=" + value);
        }
        return type.Name + "{" + string.Join(";", parts) + "}";
    }
}
