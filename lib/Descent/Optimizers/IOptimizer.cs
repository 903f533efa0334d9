namespace Descent.Optimizers;

/// <summary>
/// One optimizer: it owns its state (velocities, accumulators, moments) and updates the
/// parameters in place from a gradient, exactly as the matching <c>torch.optim</c> class does.
/// </summary>
public interface IOptimizer
{
    /// <summary>A short display name, also the key of the optimizer's colour in every chart.</summary>
    string Name { get; }

    /// <summary>η. Schedules change it between steps; it must stay finite and &gt; 0.</summary>
    double LearningRate { get; set; }

    /// <summary>t: 0 before the first step, 1 after it.</summary>
    int StepCount { get; }

    /// <summary>θ ← update(θ, g). Validates everything before it changes anything.</summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient);

    /// <summary>Forgets all state: the next step is a first step again (for any length).</summary>
    void Reset();
}
