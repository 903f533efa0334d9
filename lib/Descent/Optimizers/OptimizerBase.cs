namespace Descent.Optimizers;

/// <summary>Which implementation of the update a step runs.</summary>
public enum StepPath
{
    /// <summary>One fused pass over the arrays with SIMD vectors (the default): fast.</summary>
    Vectorized,

    /// <summary>The plain loop that mirrors the algorithm's math line by line: the reference.</summary>
    Scalar,
}

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
        set => learningRate = Require.Positive(value, "learningRate");
    }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <summary>
    /// Vectorized (default) or the scalar reference. Both compute the same formula in the same order,
    /// so they agree to the last bit; the tests hold them to that.
    /// </summary>
    public StepPath Path { get; set; } = StepPath.Vectorized;

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

        if (StepCount == 0)
        {
            Length = parameters.Length;
            AllocateState(Length);
        }
        StepCount++;
        if (Path == StepPath.Scalar) UpdateScalar(parameters, gradient, StepCount);
        else UpdateVectorized(parameters, gradient, StepCount);
    }

    /// <inheritdoc />
    public void Reset()
    {
        StepCount = 0;
        Length = 0;
        ClearState();
    }

    /// <summary>Makes the state buffers for <paramref name="length"/> parameters, filled with their initial values.</summary>
    protected abstract void AllocateState(int length);

    /// <summary>Drops the state buffers.</summary>
    protected abstract void ClearState();

    /// <summary>One step t (1-based) on checked inputs: the reference loop, the math line by line.</summary>
    protected abstract void UpdateScalar(Span<double> theta, ReadOnlySpan<double> g, int t);

    /// <summary>The same step as one fused SIMD pass; optimizers without one fall back to the scalar loop.</summary>
    protected virtual void UpdateVectorized(Span<double> theta, ReadOnlySpan<double> g, int t) => UpdateScalar(theta, g, t);

    /// <summary>The state as a learner sees it: read-only, empty before the first step.</summary>
    protected static IReadOnlyList<double> View(double[]? buffer) => buffer is null ? [] : Array.AsReadOnly(buffer);

    /// <inheritdoc />
    public override string ToString() => $"{Name}(η={LearningRate:G4}, t={StepCount})";
}
