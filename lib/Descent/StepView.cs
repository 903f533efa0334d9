using Descent.Landscapes;
using Descent.Optimizers;

namespace Descent;

/// <summary>
/// What <see cref="Descend.Run{TOptimizer}"/> shows its <c>observe</c> callback after each step: a
/// read-only view for recording the optimizer's state (velocity, accumulators, effective rates).
/// The optimizer is typed, so <c>s.Optimizer.Velocity[0]</c> needs no cast. Changing the optimizer's
/// learning rate from the callback is refused: a schedule does that.
/// </summary>
/// <typeparam name="TOptimizer">The optimizer's own type.</typeparam>
/// <param name="Step">The step just completed, 1-based.</param>
/// <param name="Point">θₖ, the point after the step.</param>
/// <param name="Loss">f(θₖ).</param>
/// <param name="Gradient">The gradient the step used, noise included.</param>
/// <param name="LearningRate">The η the step used.</param>
/// <param name="Optimizer">The optimizer, after the step.</param>
public readonly record struct StepView<TOptimizer>(
    int Step, Point2 Point, double Loss, Point2 Gradient, double LearningRate, TOptimizer Optimizer)
    where TOptimizer : IOptimizer;
