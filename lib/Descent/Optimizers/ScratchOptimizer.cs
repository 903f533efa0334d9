namespace Descent.Optimizers;

/// <summary>
/// An update rule written in a notebook cell: θ and g for step t (1-based) and the learning rate η of
/// that step; the rule changes θ in place and keeps whatever state it needs in its own variables.
/// </summary>
public delegate void ScratchRule(Span<double> theta, ReadOnlySpan<double> g, int t, double eta);

/// <summary>
/// Turns a from-scratch update rule into an optimizer, so that the library supplies everything else:
/// the loop, the recorded path, noise, schedules, divergence reports, charts and checks. A chapter's
/// from-scratch cell then writes only the rule, e.g. momentum's
/// <code>
/// double[] b = [0, 0];
/// var scratch = new ScratchOptimizer("Momentum", 0.1, (theta, g, t, eta) =>
/// {
///     for (int i = 0; i &lt; theta.Length; i++)
///     {
///         b[i] = t == 1 ? g[i] : 0.9 * b[i] + g[i];   // b ← μb + g
///         theta[i] -= eta * b[i];                      // θ ← θ − ηb
///     }
/// }, reset: () =&gt; Array.Clear(b));
/// </code>
/// and is checked against the library's class with <c>Check.SamePath</c>.
/// </summary>
public sealed class ScratchOptimizer : IOptimizer
{
    private readonly ScratchRule rule;
    private readonly Action? reset;
    private double learningRate;
    private int length;

    /// <summary>Wraps <paramref name="rule"/>.</summary>
    /// <param name="name">The name charts and summaries show (use the optimizer's, to get its colour).</param>
    /// <param name="learningRate">η, finite and ≥ 0, passed to the rule at every step.</param>
    /// <param name="rule">The update.</param>
    /// <param name="reset">Clears the rule's own state; runners call it (through <see cref="Reset"/>) before a run.</param>
    public ScratchOptimizer(string name, double learningRate, ScratchRule rule, Action? reset = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"name = \"{name}\" is empty: a valid name has a visible character.", nameof(name));
        ArgumentNullException.ThrowIfNull(rule);
        Name = name;
        LearningRate = learningRate;
        this.rule = rule;
        this.reset = reset;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = Require.NonNegative(value, "learningRate");
    }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != gradient.Length)
            throw new ArgumentException(
                $"parameters.Length = {parameters.Length} and gradient.Length = {gradient.Length} differ: they must be equal.",
                nameof(gradient));
        if (StepCount > 0 && parameters.Length != length)
            throw new ArgumentException(
                $"parameters.Length = {parameters.Length} changed between steps; the valid value is {length} (call Reset() first).",
                nameof(parameters));
        length = parameters.Length;
        StepCount++;
        rule(parameters, gradient, StepCount, LearningRate);
    }

    /// <inheritdoc />
    public void Reset()
    {
        StepCount = 0;
        reset?.Invoke();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} from scratch (η={LearningRate:G4}, t={StepCount})";
}
