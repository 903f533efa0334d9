using System.Text.Json;
using Descent.Schedules;
using Descent.Tests.Optimizers;

namespace Descent.Tests.Schedules;

/// <summary>
/// Every schedule against the rates (and momenta) real torch.optim.lr_scheduler produced
/// (Reference/schedule_vectors.json).
/// </summary>
public class ScheduleTests
{
    internal static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Reference", "schedule_vectors.json"))).RootElement;

    internal static JsonElement Case(string name) =>
        Vectors.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    internal static double[] Numbers(string name, string key) =>
        Case(name).GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    internal static double BaseRate(string name) => Case(name).GetProperty("baseLr").GetDouble();

    public static TheoryData<string> ClosedForms() => new(Names);

    public static TheoryData<string> OneCycles() => new(OneCycleNames);

    private static readonly string[] OneCycleNames =
    [
        "one-cycle", "one-cycle linear", "one-cycle three-phase", "one-cycle three-phase linear", "one-cycle adam",
        "one-cycle without momentum",
    ];

    private static readonly string[] Names =
    [
        "constant", "step", "multistep", "exponential", "cosine", "cosine warm restarts", "cosine warm restarts mult 2",
        "linear warm-up", "polynomial", "polynomial linear to zero", "polynomial square root", "cosine to zero",
        "linear decay to zero", "exponential growth", "step growth", "lambda inverse time", "lambda to zero",
        "warm-up then cosine", .. OneCycleNames,
    ];

    internal static ISchedule Make(string name) => name switch
    {
        "constant" => new ConstantRate(),
        "step" => new StepDecay(stepSize: 10, gamma: 0.5),
        "multistep" => new MultiStepDecay([5, 17, 40], gamma: 0.3),
        "exponential" => new ExponentialDecay(gamma: 0.95),
        "cosine" => new CosineAnnealing(tMax: 40, etaMin: 0.001),
        "cosine warm restarts" => new CosineWarmRestarts(t0: 10),
        "cosine warm restarts mult 2" => new CosineWarmRestarts(t0: 5, tMult: 2, etaMin: 0.01),
        "linear warm-up" => new LinearWarmup(totalSteps: 15, startFactor: 0.1),
        "polynomial" => new PolynomialDecay(totalSteps: 30, power: 2),
        "polynomial linear to zero" => new PolynomialDecay(totalSteps: 25, power: 1),
        "polynomial square root" => new PolynomialDecay(totalSteps: 40, power: 0.5),
        "cosine to zero" => new CosineAnnealing(tMax: 30),
        "linear decay to zero" => new LinearWarmup(totalSteps: 20, startFactor: 1, endFactor: 0),
        "exponential growth" => new ExponentialDecay(gamma: 1.1),
        "step growth" => new StepDecay(stepSize: 7, gamma: 1.5),
        "lambda inverse time" => new LambdaRate(t => 1.0 / (1 + 0.1 * t)),
        "lambda to zero" => new LambdaRate(t => Math.Max(0.0, 1 - t / 40.0)),
        "warm-up then cosine" =>
            new LinearWarmup(totalSteps: 10, startFactor: 0.01).Then(new CosineAnnealing(tMax: 50), at: 10),
        "one-cycle" => new OneCycle(totalSteps: 60),
        "one-cycle linear" => new OneCycle(totalSteps: 50, pctStart: 0.25, anneal: Anneal.Linear),
        "one-cycle three-phase" => new OneCycle(totalSteps: 60, threePhase: true),
        "one-cycle three-phase linear" => new OneCycle(totalSteps: 40, pctStart: 0.4, anneal: Anneal.Linear,
            threePhase: true,
            divFactor: 10, finalDivFactor: 100, baseMomentum: 0.8, maxMomentum: 0.9),
        "one-cycle adam" => new OneCycle(totalSteps: 45, pctStart: 0.2, baseMomentum: 0.8, maxMomentum: 0.95),
        "one-cycle without momentum" => new OneCycle(totalSteps: 30, cycleMomentum: false),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Matches_pytorch_at_every_step(string name)
    {
        var expected = Numbers(name, "rates");
        var schedule = Make(name);
        double baseRate = BaseRate(name);
        for (int t = 0; t < expected.Length; t++)
            Close.Assert(expected[t], schedule.At(t, baseRate), $"{name} at step {t}", relative: 1e-12);
    }

    [Theory]
    [MemberData(nameof(OneCycles))]
    public void One_cycle_cycles_the_momentum_as_pytorch_does(string name)
    {
        var expected = Numbers(name, "momenta");
        double own = Case(name).GetProperty("optimizerMomentum").GetDouble();
        var schedule = Make(name);
        if (name == "one-cycle without momentum")
        {
            // PyTorch leaves the optimizer's own momentum alone: so does MomentumAt (null).
            Assert.All(expected, m => Assert.Equal(own, m));
            Assert.Null(schedule.MomentumAt(0, own));
            Assert.Null(schedule.Momenta(expected.Length, own));
            return;
        }
        for (int t = 0; t < expected.Length; t++)
            Close.Assert(expected[t], schedule.MomentumAt(t, own)!.Value, $"{name} momentum at step {t}", 1e-12);
        Assert.True(expected.Min() < expected.Max(), "the reference really cycles the momentum");
    }

    [Fact]
    public void Schedules_that_reach_zero_give_exactly_zero_and_torch_agrees()
    {
        // Closed forms: polynomial (1 − 25/25)¹ = 0, cosine (1 + cos π)/2 = 0, linear 1 + (0 − 1)·20/20 = 0.
        Assert.Equal(0.0, Numbers("polynomial linear to zero", "rates")[25]);
        Assert.Equal(0.0, Numbers("cosine to zero", "rates")[30]);
        Assert.Equal(0.0, Numbers("linear decay to zero", "rates")[20]);
        Assert.Equal(0.0, Make("polynomial linear to zero").At(25, 0.1));
        Assert.Equal(0.0, Make("cosine to zero").At(30, 0.1));
        Assert.Equal(0.0, Make("linear decay to zero").At(20, 0.1));
        Assert.Equal(0.0, Make("lambda to zero").At(45, 0.1));
    }

    [Fact]
    public void One_cycle_uses_the_optimizers_rate_as_its_peak()
    {
        // max_lr = η₀: step 0 is η₀/25, the end of the climb (step pct·T − 1 = 17) is η₀, the last is η₀/25/10⁴.
        var s = new OneCycle(totalSteps: 60);
        Close.Assert(0.8 / 25, s.At(0, 0.8), "initial");
        Close.Assert(0.8, s.At(17, 0.8), "peak");
        Close.Assert(0.8 / 25 / 1e4, s.At(59, 0.8), "final");
        Assert.Equal(0.95, s.MomentumAt(0, 0.3));
        Close.Assert(0.85, s.MomentumAt(17, 0.3)!.Value, "momentum at the peak");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.At(60, 0.8));
        Assert.Equal("step", e.ParamName);
        Assert.Contains("[0, 59]", e.Message);
    }

    [Fact]
    public void Reduce_on_plateau_matches_pytorch()
    {
        var metrics = Numbers("reduce on plateau", "metrics");
        var expected = Numbers("reduce on plateau", "rates");
        var plateau = new ReduceOnPlateau(factor: 0.5, patience: 5, threshold: 1e-4);
        double rate = BaseRate("reduce on plateau");
        for (int t = 0; t < expected.Length; t++)
        {
            Close.Assert(expected[t], rate, $"rate at step {t}", relative: 1e-12);
            rate = plateau.Step(metrics[t], rate);
        }
        Assert.True(expected.Distinct().Count() >= 3, "the reference really reduces more than once");
        Assert.Equal(expected.Distinct().Count() - 1, plateau.Reductions);
    }

    [Fact]
    public void Reduce_on_plateau_sets_the_optimizers_rate_and_refuses_a_non_finite_loss()
    {
        var opt = new RecordingOptimizer(0.1);
        var plateau = new ReduceOnPlateau(factor: 0.5, patience: 0);
        plateau.Step(1.0, opt);           // the first loss is an improvement on +∞
        Assert.Equal(0.1, opt.LearningRate);
        plateau.Step(1.0, opt);           // no improvement, patience 0: cut to 0.05
        Assert.Equal(0.05, opt.LearningRate);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => plateau.Step(bad, opt));
            Assert.Equal("loss", e.ParamName);
        }
        Assert.Equal(0.05, opt.LearningRate); // refused before any change
        Assert.Equal(1, plateau.Reductions);
    }

    [Fact]
    public void Schedules_are_pure_functions_of_the_step()
    {
        foreach (string name in Names)
        {
            var s = Make(name);
            int n = name.StartsWith("one-cycle", StringComparison.Ordinal) ? 30 : 60;
            double[] forward = s.Rates(n, 0.1);
            double[] backward = Enumerable.Range(0, n).Reverse().Select(t => s.At(t, 0.1)).Reverse().ToArray();
            Assert.Equal(forward, backward);
        }
    }

    [Fact]
    public void Schedules_scale_the_base_rate()
    {
        // No schedule holds a rate: η(t) is proportional to η₀ for every relative schedule.
        foreach (string name in Names.Where(n => !n.Contains("cosine")))
        {
            var s = Make(name);
            for (int t = 0; t < 30; t++)
                Close.Assert(3 * s.At(t, 0.1), s.At(t, 0.3), $"{name} at step {t}", relative: 1e-12);
        }
    }

    [Fact]
    public void Bad_arguments_name_themselves()
    {
        string Name(Action make) => Assert.ThrowsAny<ArgumentException>(make).ParamName!;
        Assert.Equal("stepSize", Name(() => new StepDecay(0)));
        Assert.Equal("gamma", Name(() => new StepDecay(10, gamma: 0)));
        Assert.Equal("gamma", Name(() => new ExponentialDecay(double.NaN)));
        Assert.Equal("gamma", Name(() => new MultiStepDecay([1, 2], gamma: -1)));
        Assert.Equal("milestones", Name(() => new MultiStepDecay([10, 5])));
        Assert.Equal("milestones", Name(() => new MultiStepDecay([5, 5])));
        Assert.Equal("milestones", Name(() => new MultiStepDecay([-1, 5])));
        Assert.Equal("totalSteps", Name(() => new PolynomialDecay(0)));
        Assert.Equal("power", Name(() => new PolynomialDecay(10, power: -1)));
        Assert.Equal("totalSteps", Name(() => new LinearWarmup(0)));
        Assert.Equal("startFactor", Name(() => new LinearWarmup(10, startFactor: 0)));
        Assert.Equal("endFactor", Name(() => new LinearWarmup(10, endFactor: 1.5)));
        Assert.Equal("tMax", Name(() => new CosineAnnealing(0)));
        Assert.Equal("etaMin", Name(() => new CosineAnnealing(10, etaMin: -0.1)));
        Assert.Equal("t0", Name(() => new CosineWarmRestarts(0)));
        Assert.Equal("tMult", Name(() => new CosineWarmRestarts(5, tMult: 0)));
        Assert.Equal("totalSteps", Name(() => new OneCycle(1)));
        Assert.Equal("pctStart", Name(() => new OneCycle(100, pctStart: 1.5)));
        Assert.Equal("pctStart", Name(() => new OneCycle(100, pctStart: 0)));
        Assert.Equal("pctStart", Name(() => new OneCycle(10, pctStart: 0.1))); // pct·T = 1: PyTorch divides 0 by 0
        Assert.Equal("baseMomentum", Name(() => new OneCycle(100, baseMomentum: 1)));
        Assert.Equal("maxMomentum", Name(() => new OneCycle(100, maxMomentum: -0.1)));
        Assert.Equal("divFactor", Name(() => new OneCycle(100, divFactor: 0)));
        Assert.Equal("finalDivFactor", Name(() => new OneCycle(100, finalDivFactor: double.PositiveInfinity)));
        Assert.Equal("anneal", Name(() => new OneCycle(100, anneal: (Anneal)7)));
        Assert.Equal("factor", Name(() => new LambdaRate(null!)));
        Assert.Equal("at", Name(() => new ConstantRate().Then(new ConstantRate(), at: -1)));
        Assert.Equal("factor", Name(() => new ReduceOnPlateau(factor: 1)));
        Assert.Equal("patience", Name(() => new ReduceOnPlateau(patience: -1)));
        Assert.Equal("minLearningRate", Name(() => new ReduceOnPlateau(minLearningRate: double.NaN)));
        Assert.Equal("step", Name(() => new CosineAnnealing(10).At(-1, 0.1)));
        Assert.Equal("baseRate", Name(() => new StepDecay(10).At(0, -0.1)));
        Assert.Equal("baseRate", Name(() => new ConstantRate().At(0, double.NaN)));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(10, gamma: 0));
        Assert.Contains("gamma = 0 is out of range", e.Message);
    }

    [Fact]
    public void An_absolute_eta_min_above_the_base_rate_is_refused_with_both_values()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(10, etaMin: 0.2).At(0, 0.1));
        Assert.Equal("etaMin", e.ParamName);
        Assert.Contains("0.2", e.Message);
        Assert.Contains("η₀ = 0.1", e.Message);
        Assert.Equal("etaMin", Assert.Throws<ArgumentOutOfRangeException>(
            () => new CosineWarmRestarts(5, etaMin: 0.5).At(3, 0.1)).ParamName);
        Assert.Equal(0.1, new CosineAnnealing(10, etaMin: 0.1).At(4, 0.1)); // η_min = η₀ is allowed: constant
    }
}
