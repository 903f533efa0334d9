using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Optimizers.Pieces;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Each composition against the fused class over 320 steps: θ and the state after every step, to 1e-12
/// relative with an absolute floor of 1. The gradients do not depend on θ, so a difference cannot be
/// amplified by the landscape: what is compared is the arithmetic of the two implementations.
/// </summary>
public class PiecesParityTests
{
    private const int Steps = 320;

    /// <summary>
    /// Five parameters (one more than a 4-wide SIMD vector, so a fused loop's tail runs too): a sine that
    /// starts at exactly 0 and crosses zero, a large cosine, a tiny alternating value that is 0 every 7th
    /// step, a ramp through exactly 0 at t = 150, and a gradient far below ε.
    /// </summary>
    private static double[] Gradient(int t) =>
    [
        3 * Math.Sin(0.05 * t),
        1e3 * Math.Cos(0.37 * t),
        t % 7 == 0 ? 0 : (t % 2 == 0 ? 1e-3 : -1e-3),
        (t - 150) * 0.01,
        1e-9 * Math.Sin(t),
    ];

    private static double[] Start() => [1.0, -2.0, 3.0, 0.5, -0.25];

    /// <summary>Steps both, comparing θ and the named state after every step; η may change per step.</summary>
    private static void Run(IOptimizer fused, ComposedOptimizer composed,
        Func<IReadOnlyList<double>> fusedState, Func<IReadOnlyList<double>> composedState,
        Func<int, double>? learningRate = null)
    {
        double[] a = Start(), b = Start();
        for (int t = 0; t < Steps; t++)
        {
            if (learningRate is not null) fused.LearningRate = composed.LearningRate = learningRate(t);
            double[] g = Gradient(t);
            fused.Step(a, g);
            composed.Step(b, g);
            Near.All(a, b, $"{composed.Name} θ after step {t + 1}");
            Near.All(fusedState(), composedState(), $"{composed.Name} state after step {t + 1}");
        }
        Assert.Equal(fused.StepCount, composed.StepCount);
        Assert.Equal(fused.LearningRate, composed.LearningRate);
    }

    private static void RunMomentum(Sgd fused, ComposedOptimizer composed, Func<int, double>? learningRate = null) =>
        Run(fused, composed, () => fused.Velocity, () => ((Trace)composed.Transformations[0]).Value, learningRate);

    /// <summary>With μ = 0 the fused SGD keeps no buffer, while the trace holds b = g: compare θ only.</summary>
    private static void RunMomentumWithoutState(Sgd fused, ComposedOptimizer composed) =>
        Run(fused, composed, () => [], () => []);

    private static void RunRmsProp(RmsProp fused, ComposedOptimizer composed) =>
        Run(fused, composed, () => fused.SquareAverage,
            () => ((ScaleByRms)composed.Transformations[0]).SquareAverage.Value);

    private static void RunAdam(Adam fused, ComposedOptimizer composed, Func<int, double>? learningRate = null)
    {
        Run(fused, composed, () => fused.FirstMoment, () => ((Ema)composed.Transformations[0]).Value, learningRate);
        Near.All(fused.SecondMoment, ((ScaleByRms)composed.Transformations[1]).SquareAverage.Value, "v at the end");
    }

    [Fact]
    public void Momentum_with_default_options_is_the_fused_momentum() =>
        RunMomentum(new Momentum(0.01), Compose.Momentum(0.01));

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(0.001, 0.99)]
    public void Momentum_is_the_fused_momentum(double lr, double mu) =>
        RunMomentum(new Momentum(lr, momentum: mu), Compose.Momentum(lr, momentum: mu));

    [Fact]
    public void Momentum_zero_is_the_fused_plain_sgd() =>
        RunMomentumWithoutState(new Sgd(0.05), Compose.Momentum(0.05, momentum: 0));

    [Theory]
    [InlineData(0.01, 0.9)]
    [InlineData(0.2, 0.3)]
    public void Nesterov_momentum_is_the_fused_sgd_with_nesterov(double lr, double mu) =>
        RunMomentum(new Sgd(lr, momentum: mu, nesterov: true), Compose.Momentum(lr, momentum: mu, nesterov: true));

    [Fact]
    public void RmsProp_with_default_options_is_the_fused_rmsprop() =>
        RunRmsProp(new RmsProp(), Compose.RmsProp());

    [Theory]
    [InlineData(0.1, 0.9, 1e-3)]
    [InlineData(0.001, 0.5, 1e-6)]
    [InlineData(0.03, 0.0, 1e-8)]
    public void RmsProp_is_the_fused_rmsprop(double lr, double alpha, double eps) =>
        RunRmsProp(new RmsProp(lr, alpha: alpha, epsilon: eps), Compose.RmsProp(lr, alpha: alpha, epsilon: eps));

    [Fact]
    public void Adam_with_default_options_is_the_fused_adam() =>
        RunAdam(new Adam(), Compose.Adam());

    [Theory]
    [InlineData(0.3, 0.5, 0.9, 1e-4)]
    [InlineData(0.05, 0.0, 0.99, 1e-6)]
    [InlineData(0.001, 0.99, 0.5, 1e-8)]
    public void Adam_is_the_fused_adam(double lr, double beta1, double beta2, double eps) =>
        RunAdam(new Adam(lr, beta1: beta1, beta2: beta2, epsilon: eps),
            Compose.Adam(lr, beta1: beta1, beta2: beta2, epsilon: eps));

    [Fact]
    public void A_learning_rate_changed_between_steps_is_used_as_the_fused_class_uses_it()
    {
        // A schedule sets the optimizer's η before each step; the composition's η is its last piece's.
        static double Schedule(int t) => 0.02 * (1.5 + Math.Cos(0.1 * t));
        RunMomentum(new Momentum(0.02, momentum: 0.9), Compose.Momentum(0.02, momentum: 0.9), Schedule);
        RunAdam(new Adam(0.02), Compose.Adam(0.02), Schedule);
    }

    [Fact]
    public void On_the_bowl_the_compositions_follow_the_fused_paths()
    {
        // The chapters' use: Descend.Run with the book's rates, where θ feeds back into g.
        var pairs = new (IOptimizer Fused, IOptimizer Composed)[]
        {
            (new Momentum(0.1), Compose.Momentum(0.1)),
            (new RmsProp(0.3), Compose.RmsProp(0.3)),
            (new Adam(0.3), Compose.Adam(0.3)),
        };
        foreach (var (fused, composed) in pairs)
        {
            var a = Descend.Run(fused, Landscape.Bowl, steps: 30);
            var b = Descend.Run(composed, Landscape.Bowl, steps: 30);
            for (int t = 0; t <= 30; t++)
            {
                Near.Assert(a.Points[t].X, b.Points[t].X, $"{composed.Name} x at step {t}");
                Near.Assert(a.Points[t].Y, b.Points[t].Y, $"{composed.Name} y at step {t}");
            }
        }
    }
}
