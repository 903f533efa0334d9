using System.Reflection;
using Xunit.Abstractions;

namespace Descent.Tests.Robustness;

/// <summary>
/// Coverage is provable: every public constructor, method and property setter of every public type
/// in Descent.dll (outside <see cref="PublicSurface.NotCoveredYet"/>) has an entry in the robustness
/// table, so a new public member without a robustness case fails the build's tests.
/// </summary>
public class CoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_public_member_has_a_robustness_entry()
    {
        var surface = PublicSurface.Members();
        var missing = surface
            .Where(m => !PublicSurface.IsPlumbing((MethodBase)m.Value))
            .Select(m => m.Key)
            .Where(k => !RobustnessTable.Fuzzed.ContainsKey(k) && !RobustnessTable.HandWritten.ContainsKey(k)
                        && !RobustnessTable.NoInput.ContainsKey(k))
            .ToList();
        int plumbing = surface.Count(m => PublicSurface.IsPlumbing((MethodBase)m.Value));
        output.WriteLine($"{surface.Count} public members: {RobustnessTable.Fuzzed.Count} fuzzed, " +
            $"{RobustnessTable.HandWritten.Count} hand-written, {RobustnessTable.NoInput.Count} without input, " +
            $"{plumbing} record/object plumbing (Equals, GetHashCode, ToString, Deconstruct, Clone, ==, !=)");
        Assert.True(missing.Count == 0, "members without a robustness entry:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_table_entry_is_a_public_member()
    {
        var surface = PublicSurface.Members();
        var stale = RobustnessTable.Fuzzed.Keys.Concat(RobustnessTable.HandWritten.Keys).Concat(RobustnessTable.NoInput.Keys)
            .Where(k => !surface.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, "table entries that are no public member (any more):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Plumbing_is_only_what_the_compiler_writes_for_records_and_object()
    {
        var plumbing = PublicSurface.Members().Values.Cast<MethodBase>().Where(PublicSurface.IsPlumbing)
            .Select(m => m.Name).Distinct().Order().ToList();
        Assert.All(plumbing, name => Assert.Contains(name,
            new[] { "Equals", "GetHashCode", "ToString", "Deconstruct", "<Clone>$", "op_Equality", "op_Inequality", ".ctor" }));
    }

    [Fact]
    public void Hand_written_entries_name_real_tests()
    {
        var tests = typeof(SpanMemberTests).GetMethods().Select(m => m.Name).ToHashSet();
        Assert.All(RobustnessTable.HandWritten.Values, name => Assert.Contains(name, tests));
    }
}
