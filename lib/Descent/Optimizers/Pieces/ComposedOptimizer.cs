namespace Descent.Optimizers.Pieces;

/// <summary>
/// An optimizer made of pieces: a <see cref="Chain"/> of the given direction pieces followed by
/// <see cref="ScaleByLearningRate"/>, applied as optax's <c>apply_updates</c> does.
/// <code>
/// for t = 1, 2, ...
///     u ← g
///     u ← chain(direction…, scale_by_learning_rate(η))(u, g)
///     θ ← θ + u
/// </code>
/// η is stored once, in the learning-rate piece; <see cref="LearningRate"/> reads and writes it.
/// See <see cref="Compose"/> for Momentum, RMSProp and Adam written this way.
/// </summary>
public sealed class ComposedOptimizer : IOptimizer
{
    private readonly Chain chain;
    private readonly ScaleByLearningRate rate;
    private double[]? update;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="name">The display name (and chart colour key), e.g. "Adam".</param>
    /// <param name="learningRate">η, finite and ≥ 0.</param>
    /// <param name="direction">The pieces that turn g into a direction, in order; η is appended after them.</param>
    public ComposedOptimizer(string name, double learningRate, params IGradientTransformation[] direction)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException(
                $"name = {(name is null ? "null" : $"\"{name}\"")} is not valid: a non-empty display name is needed.",
                nameof(name));
        ArgumentNullException.ThrowIfNull(direction);
        for (int i = 0; i < direction.Length; i++)
            if (direction[i] is null)
                throw new ArgumentException($"direction[{i}] is null: valid pieces are not null.", nameof(direction));
        rate = new ScaleByLearningRate(learningRate);
        chain = new Chain([.. direction, rate]);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>η, the base learning rate (finite, ≥ 0); it is the learning-rate piece's own.</summary>
    public double LearningRate
    {
        get => rate.LearningRate;
        set => rate.LearningRate = value;
    }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <summary>The number of parameters the state was made for; 0 before the first step.</summary>
    public int Length => update?.Length ?? 0;

    /// <summary>The pieces in the order they run, the learning-rate piece last.</summary>
    public IReadOnlyList<IGradientTransformation> Transformations => chain.Transformations;

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        // Every check comes before the first write, so a failing call leaves θ and every piece untouched.
        if (parameters.Length != gradient.Length)
            throw new ArgumentException(
                $"parameters and gradient must have the same length, but parameters.Length = {parameters.Length} " +
                $"and gradient.Length = {gradient.Length}.", nameof(gradient));
        double[] u = StateBuffer.For(ref update, parameters.Length, nameof(parameters), "optimizer");
        gradient.CopyTo(u);
        chain.Transform(u, gradient);
        for (int i = 0; i < parameters.Length; i++) parameters[i] += u[i];
        StepCount++;
    }

    /// <inheritdoc />
    public void Reset()
    {
        chain.Reset();
        update = null;
        StepCount = 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {chain} (t={StepCount})";
}
