namespace Descent.Optimizers;

/// <summary>
/// One optimizer: it owns its state (velocities, accumulators, moments) and updates the
/// parameters in place from a gradient, exactly as the matching <c>torch.optim</c> class does.
/// </summary>
public interface IOptimizer
{
    /// <summary>A short display name, also the key of the optimizer's colour in every chart.</summary>
    string Name { get; }

    /// <summary>
    /// η, the base learning rate: finite and ≥ 0 (0 is valid, as in PyTorch: the step then changes
    /// nothing but the state). A schedule scales it from step to step while a runner drives it.
    /// </summary>
    double LearningRate { get; set; }

    /// <summary>t: 0 before the first step, 1 after it.</summary>
    int StepCount { get; }

    /// <summary>
    /// θ ← update(θ, g). Checks the lengths before it changes anything; like PyTorch it does not check
    /// the values (a NaN in g gives NaN in θ): the runners check every gradient and name the step and
    /// the parameter where one stops being finite.
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient);

    /// <summary>Forgets all state: the next step is a first step again (for any length).</summary>
    void Reset();
}
