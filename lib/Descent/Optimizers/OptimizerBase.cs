namespace Descent.Optimizers;

/// <summary>
/// What every optimizer shares: the learning rate, the step counter and the length check.
/// State buffers are allocated on the first <see cref="Step"/> (when the length becomes known,
/// as PyTorch does lazily) so that every later step is allocation-free.
/// </summary>
public abstract class OptimizerBase : IOptimizer
{
    private double learningRate;

    /// <summary>Checks and stores the learning rate.</summary>
    protected OptimizerBase(double learningRate) => LearningRate = learningRate;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = Require.NonNegative(value, "learningRate");
    }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <summary>The number of parameters this optimizer's state was made for; 0 before the first step.</summary>
    public int Length { get; private set; }

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        // Every check comes before the first write, so a failing call leaves θ and the state untouched.
        if (parameters.Length != gradient.Length)
            throw new ArgumentException(
                $"parameters and gradient must have the same length, but parameters.Length = {parameters.Length} " +
                $"and gradient.Length = {gradient.Length}.", nameof(gradient));
        if (parameters.Length == 0)
            throw new ArgumentException("parameters.Length = 0 is out of range: the valid range is [1, ∞).", nameof(parameters));
        if (StepCount > 0 && parameters.Length != Length)
            throw new ArgumentException(
                $"parameters.Length = {parameters.Length} changed between steps: this optimizer's state was made for " +
                $"length {Length}; the valid value is {Length} (call Reset() to start over with a new length).",
                nameof(parameters));
        Prepare(parameters, gradient);

        if (StepCount == 0)
        {
            Length = parameters.Length;
            AllocateState(Length);
        }
        StepCount++;
        Update(parameters, gradient, StepCount);
    }

    /// <inheritdoc />
    public void Reset()
    {
        StepCount = 0;
        Length = 0;
        ClearState();
    }

    /// <summary>
    /// Runs after the length checks and before anything changes: an optimizer with more to check (Muon: its
    /// matrices, and a Newton–Schulz iteration that custom coefficients can make overflow) does it here, so a
    /// failing call still leaves θ and the state untouched. It may compute into workspaces of its own but
    /// must not change θ or the state. Does nothing by default.
    /// </summary>
    protected virtual void Prepare(ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient) { }

    /// <summary>Makes the state buffers for <paramref name="length"/> parameters, filled with their initial values.</summary>
    protected abstract void AllocateState(int length);

    /// <summary>Drops the state buffers.</summary>
    protected abstract void ClearState();

    /// <summary>
    /// One step t (1-based) on checked lengths: one pass over the arrays, the widest SIMD vectors the
    /// machine has for the body and the same code one element at a time for the tail.
    /// </summary>
    protected abstract void Update(Span<double> theta, ReadOnlySpan<double> g, int t);

    /// <summary>Throws a clear error unless the state exists and <paramref name="index"/> is one of its parameters.</summary>
    protected void RequireStateIndex(int index)
    {
        if (StepCount == 0)
            throw new InvalidOperationException(
                $"{Name} has no state yet: call Step once before asking for a parameter's effective learning rate.");
        if (index < 0 || index >= Length)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"index = {index} is out of range: the valid range is [0, {Length - 1}] (this optimizer holds {Length} parameters).");
    }

    /// <summary>The state as a learner sees it: read-only, empty before the first step.</summary>
    protected static IReadOnlyList<double> View(double[]? buffer) => buffer is null ? [] : Array.AsReadOnly(buffer);

    /// <inheritdoc />
    public override string ToString() => $"{Name}(η={LearningRate:G4}, t={StepCount})";
}
