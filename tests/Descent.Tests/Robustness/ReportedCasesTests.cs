using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Optimizers.Pieces;
using Descent.Schedules;
using Descent.Training;

namespace Descent.Tests.Robustness;

/// <summary>
/// Every crash a learner was seen to type (the "no crash a learner can type" list), each with the exact
/// outcome it must have now: a clear error naming the parameter, the value and the valid range, or a
/// run that works and reports what happened, with the step.
/// </summary>
public class ReportedCasesTests
{
    private static readonly Dataset Spirals = Datasets.Spirals(40, 3, 0.1, seed: 1);

    private static T Refused<T>(Action call, string parameter, params string[] says) where T : Exception
    {
        var e = Assert.ThrowsAny<T>(call);
        if (e is ArgumentException a) Assert.Equal(parameter, a.ParamName);
        foreach (var s in says) Assert.Contains(s, e.Message);
        return e;
    }

    [Fact]
    public void A_schedule_that_ends_at_zero_runs_to_the_end()
    {
        // Chapter 07's playground with playSteps = 1001 and a cosine over 1000 steps: η reaches 0 at step 1000.
        var options = new TrainingOptions(1001) { BatchSize = 32, Seed = 1, Schedule = new CosineAnnealing(1000) };
        var run = Trainer.Train(new Mlp([2, 8, 3], seed: 1), Spirals, new Momentum(0.1), options);
        Assert.False(run.Diverged);
        Assert.Equal(1001, run.Losses.Length);
        Assert.Equal(0.0, run.LearningRates[1000], 15);
        var polynomial = Trainer.Train(new Mlp([2, 8, 3], seed: 1), Spirals, new Sgd(0.1),
            new TrainingOptions(60) { BatchSize = 32, Schedule = new PolynomialDecay(50) });
        Assert.Equal(0.0, polynomial.LearningRates[^1]);
    }

    [Fact]
    public void A_schedule_that_overflows_is_refused_before_the_first_step_naming_schedule_and_step()
    {
        var model = new Mlp([2, 8, 3], seed: 1);
        double[] before = model.Parameters.ToArray();
        var e = Refused<ArgumentException>(() => Trainer.Train(model, Spirals, new Sgd(0.5),
            new TrainingOptions(3000) { Schedule = new StepDecay(1, gamma: 1.5) }), "schedule", "step ×1.5 every 1", "∞");
        Assert.Matches(@"step \d+", e.Message);
        Assert.Equal(before, model.Parameters);
    }

    [Fact]
    public void A_network_that_does_not_fit_the_data_is_refused_with_the_sizes()
    {
        Refused<ArgumentException>(() => Trainer.Train(new Mlp([2, 8, 2], seed: 1), Spirals, new Adam(),
            new TrainingOptions(10)), "data", "3 classes", "2 outputs");
        var regression = Datasets.NoisyLinear(50, 3, 0.1, seed: 1);
        Assert.ThrowsAny<ArgumentException>(() => Trainer.Train(new Mlp([3, 8, 3], seed: 1), regression, new Adam(),
            new TrainingOptions(10)));
    }

    [Fact]
    public void Impossible_step_counts_and_missing_arguments_are_named()
    {
        Refused<ArgumentOutOfRangeException>(() => Descend.Run(new Sgd(0.1), Landscape.Bowl, int.MaxValue), "steps",
            "2147483647", "[0, 10000000]");
        Refused<ArgumentNullException>(() => Trainer.Train(new Mlp([2, 8, 3]), Spirals, new Adam(), null!), "options");
        Refused<ArgumentNullException>(() => Sweep.LearningRates(lr => new Sgd(lr), Landscape.Bowl, null!, 10), "rates");
        Assert.ThrowsAny<ArgumentException>(() => Trainer.Train(new Mlp([2, 8, 3]), Spirals, new Adam(),
            new TrainingOptions(10) { ProgressEvery = 0, Progress = (_, _) => { } }));
        Refused<ArgumentOutOfRangeException>(() => Sweep.StabilityEdge(lr => new Sgd(lr), Landscape.Bowl, 0.1, 2, steps: 0),
            "steps", "0");
        Refused<ArgumentOutOfRangeException>(() => Sweep.StabilityEdge(lr => new Sgd(lr), Landscape.Bowl, 0.1, 2,
            iterations: -1), "iterations", "-1");
    }

    [Fact]
    public void State_read_before_it_exists_or_at_a_bad_index_is_explained()
    {
        var adagrad = new AdaGrad();
        Assert.Contains("call Step once", Assert.Throws<InvalidOperationException>(() => adagrad.EffectiveLearningRate(0)).Message);
        adagrad.Step(new double[3], [1.0, 2.0, 3.0]);
        Refused<ArgumentOutOfRangeException>(() => adagrad.EffectiveLearningRate(3), "index", "index = 3", "[0, 2]");
        Assert.Throws<InvalidOperationException>(() => new Ema(0.9).Corrected(0));
    }

    [Fact]
    public void The_learning_rate_finder_refuses_bad_settings()
    {
        Func<Mlp> model = () => new Mlp([2, 8, 3], seed: 1);
        Refused<ArgumentOutOfRangeException>(() => LearningRateFinder.Run(model, Spirals, lr => new Sgd(lr), batchSize: 0),
            "batchSize", "0");
        Assert.ThrowsAny<ArgumentException>(() => LearningRateFinder.Run(model, Spirals, lr => new Sgd(lr), low: 1, high: 0.1));
        Assert.ThrowsAny<ArgumentException>(() => LearningRateFinder.Run(() =>
        {
            var m = model();
            m.Parameters[0] = double.NaN;
            return m;
        }, Spirals, lr => new Sgd(lr)));
    }

    [Fact]
    public void Dataset_noise_must_be_a_finite_non_negative_number()
    {
        Refused<ArgumentOutOfRangeException>(() => Datasets.TwoMoons(100, noise: double.NaN), "noise", "NaN");
        Refused<ArgumentOutOfRangeException>(() => Datasets.Blobs(10, 3, spread: -1), "spread", "-1");
        Refused<ArgumentOutOfRangeException>(() => Datasets.Spirals(10, 3, noise: -0.5), "noise", "-0.5");
    }

    [Fact]
    public void Reduce_on_plateau_refuses_a_nan_loss_and_keeps_the_rate()
    {
        var plateau = new ReduceOnPlateau(patience: 0);
        var sgd = new Sgd(0.1);
        plateau.Step(1.0, sgd);
        Assert.ThrowsAny<ArgumentException>(() => plateau.Step(double.NaN, sgd));
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Fact]
    public void Momentum_above_one_is_accepted_as_in_pytorch_and_the_blow_up_is_reported_with_the_step()
    {
        // μ = 1.5: the velocity grows geometrically; f passes 1e12 × f(θ₀) long before it overflows.
        var run = Descend.Run(new Momentum(0.1, momentum: 1.5), Landscape.Bowl, 60);
        Assert.True(run.Diverged);
        Assert.InRange(run.DivergedAtStep!.Value, 1, 60);
        Assert.Contains($"step {run.DivergedAtStep}", run.Divergence);
        Assert.True(double.IsFinite(run.FinalLoss));
    }

    [Fact]
    public void Zero_over_zero_is_reported_as_such_not_as_divergence()
    {
        // RMSProp with ε = 0: a coordinate whose gradient is exactly 0 divides 0 by √0.
        var run = GradientStreamRun();
        Assert.Contains("0/0", run);

        static string GradientStreamRun()
        {
            var flat = Landscape.Quadratic(0.5, 0.5);
            var trajectory = Descend.Run(new RmsProp(0.1, epsilon: 0), flat, 5, start: new Point2(1, 0));
            return trajectory.Divergence ?? "";
        }
    }

    [Fact]
    public void A_non_finite_gradient_is_reported_with_its_step_and_index()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            GradientStream.Feed(new Sgd(0.1), 5, t => t == 3 ? [1.0, double.NaN] : [1.0, 1.0]));
        Assert.Contains("3", e.Message);
        Assert.Contains("[1]", e.Message);
    }

    [Fact]
    public void AdamW_with_eta_lambda_above_one_flips_the_sign_of_the_weights_as_documented()
    {
        // θ ← θ(1 − ηλ) with ηλ = 2 is θ ← −θ (then a tiny Adam step from a zero gradient: m = 0).
        double[] theta = [1.0, -2.0];
        new AdamW(1.0, weightDecay: 2.0).Step(theta, [0.0, 0.0]);
        Assert.Equal([-1.0, 2.0], theta);
    }
}
