using System.Text.Json;
using Descent.Schedules;
using Descent.Tests.Optimizers;

namespace Descent.Tests.Schedules;

/// <summary>Every schedule against the rates real torch.optim.lr_scheduler produced (Reference/schedule_vectors.json).</summary>
public class ScheduleTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "schedule_vectors.json"))).RootElement;

    private static JsonElement Case(string name) => Vectors.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Rates(string name) => Case(name).GetProperty("rates").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static TheoryData<string> ClosedForms() => new(Names);

    private static readonly string[] Names =
        ["constant", "step", "multistep", "exponential", "cosine", "cosine warm restarts", "cosine warm restarts mult 2", "linear warm-up", "one-cycle", "polynomial", "warm-up then cosine"];

    private static ISchedule Make(string name) => name switch
    {
        "constant" => new ConstantRate(0.1),
        "step" => new StepDecay(0.1, stepSize: 10, gamma: 0.5),
        "multistep" => new MultiStepDecay(0.1, [5, 17, 40], gamma: 0.3),
        "exponential" => new ExponentialDecay(0.1, gamma: 0.95),
        "cosine" => new CosineAnnealing(0.1, tMax: 40, etaMin: 0.001),
        "cosine warm restarts" => new CosineWarmRestarts(0.1, t0: 10),
        "cosine warm restarts mult 2" => new CosineWarmRestarts(0.1, t0: 5, tMult: 2, etaMin: 0.01),
        "linear warm-up" => new LinearWarmup(0.1, totalSteps: 15, startFactor: 0.1),
        "one-cycle" => new OneCycle(0.5, totalSteps: 60, pctStart: 0.3),
        "polynomial" => new PolynomialDecay(0.1, totalSteps: 30, power: 2),
        "warm-up then cosine" => new LinearWarmup(0.1, totalSteps: 10, startFactor: 0.01).Then(new CosineAnnealing(0.1, tMax: 50), at: 10),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Matches_pytorch_at_every_step(string name)
    {
        var expected = Rates(name);
        var schedule = Make(name);
        for (int t = 0; t < expected.Length; t++)
            Close.Assert(expected[t], schedule.At(t), $"{name} at step {t}", relative: 1e-12);
    }

    [Fact]
    public void Reduce_on_plateau_matches_pytorch()
    {
        var c = Case("reduce on plateau");
        var metrics = c.GetProperty("metrics").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = Rates("reduce on plateau");
        var plateau = new ReduceOnPlateau(0.1, factor: 0.5, patience: 5, threshold: 1e-4);
        for (int t = 0; t < expected.Length; t++)
        {
            Close.Assert(expected[t], plateau.LearningRate, $"rate at step {t}", relative: 1e-12);
            plateau.Step(metrics[t]);
        }
        Assert.True(expected.Distinct().Count() >= 3, "the reference really reduces more than once");
    }

    [Fact]
    public void Schedules_are_pure_functions_of_the_step()
    {
        foreach (string name in Names)
        {
            var s = Make(name);
            double[] forward = s.Rates(60);
            double[] backward = Enumerable.Range(0, 60).Reverse().Select(s.At).Reverse().ToArray();
            Assert.Equal(forward, backward);
        }
    }

    [Fact]
    public void Bad_arguments_name_themselves()
    {
        Assert.Equal("baseLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0, 10)).ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 0)).ParamName);
        Assert.Equal("pctStart", Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycle(0.1, 100, pctStart: 1.5)).ParamName);
        Assert.Equal("milestones", Assert.Throws<ArgumentException>(() => new MultiStepDecay(0.1, [10, 5])).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 10).At(-1)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(0.1, factor: 1)).ParamName);
    }

    [Fact]
    public void Apply_sets_the_optimizers_rate()
    {
        var opt = new Descent.Optimizers.Sgd(1);
        new ExponentialDecay(0.2, 0.5).Apply(opt, 3);
        Assert.Equal(0.025, opt.LearningRate, 15);
    }
}
