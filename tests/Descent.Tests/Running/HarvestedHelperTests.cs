using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Tests.Optimizers;
using Descent.Training;

namespace Descent.Tests.Running;

/// <summary>The helpers the notebooks share (d2l's #@save idea): each tested against an independent computation.</summary>
public class HarvestedHelperTests
{
    [Fact]
    public void A_scratch_rule_run_through_Descend_equals_the_library_class()
    {
        double[] b = [0, 0];
        var scratch = new ScratchOptimizer("Momentum", 0.1, (theta, g, t, eta) =>
        {
            for (int i = 0; i < theta.Length; i++)
            {
                b[i] = t == 1 ? g[i] : 0.9 * b[i] + g[i];
                theta[i] -= eta * b[i];
            }
        }, reset: () => Array.Clear(b));
        var mine = Descend.Run(scratch, Landscape.Bowl, 40);
        var again = Descend.Run(scratch, Landscape.Bowl, 40); // Reset clears b: the second run is identical
        var library = Descend.Run(new Momentum(0.1), Landscape.Bowl, 40);
        Assert.Equal(library.Points, mine.Points);
        Assert.Equal(mine.Points, again.Points);
        Assert.Equal("Momentum", mine.OptimizerName);
    }

    [Fact]
    public void A_scratch_rule_receives_the_scheduled_rate()
    {
        var seen = new List<double>();
        var scratch = new ScratchOptimizer("SGD", 0.5, (theta, g, t, eta) => seen.Add(eta));
        Descend.Run(scratch, Landscape.Bowl, 4, schedule: new Descent.Schedules.LambdaRate(t => t < 2 ? 1 : 0.5));
        Assert.Equal([0.5, 0.5, 0.25, 0.25], seen);
        Assert.Equal(0.5, scratch.LearningRate); // η₀ is back after the run
    }

    [Fact]
    public void Sign_changes_count_zig_zags()
    {
        // SGD with η = 0.95 on f = x²/20 + y²: y ← (1 − 2η)y = −0.9y flips sign at every step.
        var run = Descend.Run(new Sgd(0.95), Landscape.Bowl, 30);
        Assert.Equal(30, run.SignChanges(p => p.Y));
        // x ← (1 − η/10)x keeps its sign.
        Assert.Equal(0, run.SignChanges(p => p.X));
    }

    [Fact]
    public void A_gradient_stream_records_parameters_and_step_sizes()
    {
        // SGD η = 0.1 on g = (1, −2t): θ₁ = (−0.1, 0.2), θ₂ = (−0.2, 0.6); |Δθ| = (0.1, 0.2), (0.1, 0.4).
        var run = GradientStream.Feed(new Sgd(0.1), 2, t => [1.0, -2.0 * t]);
        Assert.Equal(2, run.Steps);
        Close.All([-0.1, -0.2], run.Parameter(0), "values", 1e-15);
        Close.All([0.2, 0.6], run.Parameter(1), "values", 1e-15);
        Close.All([0.1, 0.1], run.StepSize(0), "values", 1e-15);
        Close.All([0.2, 0.4], run.StepSize(1), "values", 1e-15);
        var velocities = new List<double>();
        GradientStream.Feed(new Momentum(0.1), 3, t => [1.0], observe: (t, m) => velocities.Add(m.Velocity[0]));
        Close.All([1.0, 1.9, 2.71], velocities, "values", 1e-15); // b = 1, 0.9·1 + 1, 0.9·1.9 + 1
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Parameter(2));
        Assert.Throws<ArgumentException>(() => GradientStream.Feed(new Sgd(0.1), 2, t => t == 1 ? [1.0] : [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientStream.Feed(new Sgd(0.1), 0, t => [1.0]));
    }

    [Fact]
    public void Steps_to_target_finds_the_fastest_rate_on_the_bowl()
    {
        // On f = x²/20 + y² GD contracts x by |1 − η/10| and y by |1 − 2η| per step; steps to a gap
        // below 1e-3 from (−7, 2) follow from those factors, computed here by direct iteration.
        double[] rates = [0.1, 0.5, 0.9];
        var sweep = Sweep.StepsToTarget(lr => new Sgd(lr), Landscape.Bowl, rates, 5000, 1e-3);
        for (int i = 0; i < rates.Length; i++)
        {
            double x = -7, y = 2;
            int k = 0;
            while (x * x / 20 + y * y >= 1e-3) { x *= 1 - rates[i] / 10; y *= 1 - 2 * rates[i]; k++; }
            Assert.Equal(k, sweep.Steps[i]);
        }
        Assert.Equal(0.9, sweep.Best!.Value.Rate);
        var none = Sweep.StepsToTarget(lr => new Sgd(lr), Landscape.Bowl, [1.5], 100, 1e-3);
        Assert.Null(none.Steps[0]);
        Assert.Null(none.Best);
    }

    [Fact]
    public void A_training_sweep_is_one_training_run_per_rate()
    {
        var data = Datasets.Spirals(60, 3, 0.1, seed: 1);
        var options = new TrainingOptions(30) { BatchSize = 32, Seed = 1 };
        var sweep = Sweep.Training(() => new Mlp([2, 8, 3], seed: 1), data, lr => new Sgd(lr), [0.01, 1e6], options);
        var direct = Trainer.Train(new Mlp([2, 8, 3], seed: 1), data, new Sgd(0.01), options);
        Assert.Equal(direct.FinalLoss, sweep.FinalLosses[0]);
        Assert.Equal(double.PositiveInfinity, sweep.FinalLosses[1]);
        Assert.Equal(1, sweep.RatesWithin(3, direct.FinalLoss));
    }
}
