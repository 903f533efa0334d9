using System.Collections;
using System.Reflection;
using Descent.Landscapes;

namespace Descent.Tests.Robustness;

/// <summary>
/// Every entry of <see cref="RobustnessTable"/>: the valid call works, and every parameter tried with
/// NaN, ±∞, 0, −1, 1e308, int.MaxValue/MinValue, null, empty and bad elements either works (with a
/// finite, sane result; NaN is never silently accepted) or throws an ArgumentException naming the
/// parameter, the value and the valid range (or an InvalidOperationException), with nothing changed.
/// Never another exception type, never a hang.
/// </summary>
public class FuzzTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var key in RobustnessTable.Fuzzed.Keys.Order(StringComparer.Ordinal)) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Bad_input_is_refused_clearly_or_handled(string key)
    {
        var entry = RobustnessTable.Fuzzed[key];
        var problems = new List<string>();
        int refused = 0, worked = 0;

        // The baseline is a valid call: it must work, or the table (or the library) is wrong.
        var (_, baselineError) = Fuzz.Invoke(() => Call(entry, null, null), key + " baseline");
        if (baselineError is not null)
            problems.Add($"the valid baseline call threw {baselineError.GetType().Name}: {baselineError.Message}");

        var parameters = entry.Call.GetParameters();
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            foreach (var bad in Fuzz.ValuesFor(p.ParameterType))
            {
                string input = $"{p.Name} = {bad.Label}";
                object? target = entry.Target?.Invoke();
                object?[] args = entry.Args.Select(a => a()).ToArray();
                args[i] = bad.Value;
                string before = Fuzz.Snapshot(target) + "|" + string.Join("|", args.Where((_, j) => j != i).Select(a => Fuzz.Snapshot(a)));
                var (result, error) = Fuzz.Invoke(() => Call(entry, target, args), $"{key} with {input}");
                string after = Fuzz.Snapshot(target) + "|" + string.Join("|", args.Where((_, j) => j != i).Select(a => Fuzz.Snapshot(a)));

                if (error is null)
                {
                    worked++;
                    if (entry.Allowed.ContainsKey(input) || entry.Allowed.ContainsKey("*")) continue;
                    if (bad.Nan) problems.Add($"{input}: accepted silently (NaN must be refused)");
                    else if (Insane(result, bad.Huge) is { } insane
                             && !(bad.Huge && entry.Allowed.ContainsKey("huge")))
                        problems.Add($"{input}: returned {insane}");
                    continue;
                }
                refused++;
                bool anyMessage = entry.Allowed.ContainsKey("*");
                if (error is ArgumentException arg && !anyMessage)
                {
                    string[] names = [p.Name!, .. entry.Aliases.GetValueOrDefault(p.Name!, [])];
                    bool named = names.Any(n => string.Equals(arg.ParamName, n, StringComparison.OrdinalIgnoreCase)
                                               || arg.Message.Contains(n, StringComparison.OrdinalIgnoreCase));
                    if (!named) problems.Add($"{input}: {error.GetType().Name} names neither of [{string.Join(", ", names)}]: {arg.Message}");
                    if (error is not ArgumentNullException)
                    {
                        if (!bad.Shown.Any(s => arg.Message.Contains(s, StringComparison.OrdinalIgnoreCase)))
                            problems.Add($"{input}: the message does not show the value: {arg.Message}");
                        if (!arg.Message.Contains("valid", StringComparison.OrdinalIgnoreCase)
                            && (bad.Numeric || !new[] { "must", "needs", "cannot" }.Any(w => arg.Message.Contains(w))))
                            problems.Add($"{input}: the message does not say what is valid: {arg.Message}");
                    }
                }
                else if (error is ArgumentException) { }
                else if (error is InvalidOperationException)
                {
                    if (string.IsNullOrWhiteSpace(error.Message)) problems.Add($"{input}: an empty message");
                }
                else
                {
                    problems.Add($"{input}: threw {error.GetType().Name}: {error.Message}");
                    continue;
                }
                if (before != after) problems.Add($"{input}: threw but changed the state:\n  before {before}\n  after  {after}");
            }
        }
        Assert.True(problems.Count == 0,
            $"{key}: {problems.Count} problem(s) ({refused} refused, {worked} worked):\n" + string.Join("\n", problems));
    }

    private static object? Call(Entry entry, object? target, object?[]? args)
    {
        target ??= entry.Target?.Invoke();
        args ??= entry.Args.Select(a => a()).ToArray();
        return entry.Call switch
        {
            ConstructorInfo c => c.Invoke(args),
            MethodInfo m => m.Invoke(target, args),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>What is wrong with a result, or null: NaN anywhere, or ±∞ from an input that was not huge.</summary>
    private static string? Insane(object? result, bool hugeInput)
    {
        static bool Bad(double d, bool huge) => double.IsNaN(d) || (double.IsInfinity(d) && !huge);
        return result switch
        {
            double d when Bad(d, hugeInput) => Require2.Show(d),
            Point2 p when Bad(p.X, hugeInput) || Bad(p.Y, hugeInput) => p.ToString(),
            IEnumerable<double> list when list.Any(d => Bad(d, hugeInput)) => "a list with " +
                Require2.Show(list.First(d => Bad(d, hugeInput))),
            _ => null,
        };
    }

    private static class Require2
    {
        public static string Show(double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
