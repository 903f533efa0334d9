using System.Text.Json;
using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// The library against real torch.optim: Reference/torch_vectors.json was produced by PyTorch itself
/// (float64, see make_torch_vectors.py) for every optimizer and option, over six steps whose gradients
/// include zeros, 1e8 and 1e150, a learning rate that changes between steps (or is 0), and a momentum
/// or β₁ that changes between steps. The optimizers are built from <see cref="OptimizerRegistry"/>.
/// </summary>
public class TorchParityTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly JsonDocument Vectors =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_vectors.json")));

    private static IEnumerable<JsonElement> AllCases => Vectors.RootElement.GetProperty("cases").EnumerateArray();

    public static TheoryData<string> Cases() => new(AllCases.Select(c => c.GetProperty("name").GetString()!));

    private static JsonElement Case(string name) => AllCases.Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Row(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void The_vectors_cover_every_optimizer_and_option()
    {
        var cases = AllCases.ToList();
        var classes = cases.Select(c => c.GetProperty("optimizer").GetString()).ToHashSet();
        Assert.True(classes.SetEquals(["SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "Adamax", "Adadelta", "NAdam", "RAdam"]),
            string.Join(", ", classes));
        var options = cases.SelectMany(c => c.GetProperty("options").EnumerateObject()
            .Select(p => c.GetProperty("optimizer").GetString() + "." + p.Name)).ToHashSet();
        string[] required =
        [
            "SGD.momentum", "SGD.dampening", "SGD.nesterov", "SGD.weightDecay",
            "Adagrad.learningRateDecay", "Adagrad.weightDecay", "Adagrad.initialAccumulatorValue", "Adagrad.epsilon",
            "RMSprop.alpha", "RMSprop.epsilon", "RMSprop.weightDecay", "RMSprop.momentum", "RMSprop.centered",
            "Adam.beta1", "Adam.beta2", "Adam.epsilon", "Adam.weightDecay", "Adam.amsGrad",
            "AdamW.weightDecay", "AdamW.amsGrad",
            "Adamax.beta1", "Adamax.beta2", "Adamax.epsilon", "Adamax.weightDecay",
            "Adadelta.rho", "Adadelta.epsilon", "Adadelta.weightDecay",
            "NAdam.beta2", "NAdam.momentumDecay", "NAdam.weightDecay", "RAdam.beta2", "RAdam.weightDecay",
        ];
        Assert.Empty(required.Except(options));
        Assert.Contains(cases, c => c.GetProperty("learningRates").EnumerateArray().All(r => r.GetDouble() == 0));
        Assert.Contains(cases, c => c.TryGetProperty("momenta", out _));
    }

    [Fact]
    public void The_registry_and_the_reference_file_list_the_same_configurations()
    {
        var names = AllCases.Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names, OptimizerRegistry.All.Select(c => c.Name).ToList());
        foreach (var c in AllCases)
        {
            var config = OptimizerRegistry.Get(c.GetProperty("name").GetString()!);
            Assert.Equal(c.GetProperty("optimizer").GetString(), config.TorchClass);
            Assert.Equal(c.GetProperty("learningRates")[0].GetDouble(), config.LearningRate);
            var options = c.GetProperty("options").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    JsonValueKind.True => 1.0,
                    JsonValueKind.False => 0.0,
                    _ => p.Value.GetDouble(),
                });
            Assert.Equal(options.OrderBy(o => o.Key), config.Options.OrderBy(o => o.Key));
        }
    }

    /// <summary>Runs a case's steps, calling <paramref name="afterStep"/> with t and θ after each one.</summary>
    private static IOptimizer Replay(string name, Action<int, double[]>? afterStep = null)
    {
        var c = Case(name);
        var rates = Row(c.GetProperty("learningRates"));
        double[]? momenta = c.TryGetProperty("momenta", out var m) ? Row(m) : null;
        var optimizer = OptimizerRegistry.Get(name).Create();
        double[] theta = Row(c.GetProperty("initial"));
        var gradients = c.GetProperty("gradients").EnumerateArray().Select(Row).ToArray();
        for (int t = 0; t < gradients.Length; t++)
        {
            optimizer.LearningRate = rates[t];
            if (momenta is not null) ((IHasMomentum)optimizer).MomentumCoefficient = momenta[t];
            optimizer.Step(theta, gradients[t]);
            afterStep?.Invoke(t, theta);
        }
        return optimizer;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_step_matches_pytorch(string name)
    {
        var expected = Case(name).GetProperty("expected").EnumerateArray().Select(Row).ToArray();
        int steps = 0;
        var optimizer = Replay(name, (t, theta) =>
        {
            Close.All(expected[t], theta, $"{name}, θ after step {t + 1}");
            steps++;
        });
        Assert.Equal(expected.Length, steps);
        Assert.Equal(expected.Length, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Final_state_matches_pytorch(string name)
    {
        var optimizer = Replay(name);
        var states = Case(name).GetProperty("finalState").EnumerateObject().ToList();
        if (optimizer is not Sgd { MomentumCoefficient: 0 }) Assert.NotEmpty(states); // only plain SGD keeps no state
        foreach (var state in states)
            Close.All(Row(state.Value), Build.State(optimizer, state.Name), $"{name}, state {state.Name}");
    }

    /// <summary>
    /// The agreement the optimizers' doc comments state, measured: the largest relative difference
    /// (floor 1e-300) between this library and PyTorch over every step of every case, per class.
    /// </summary>
    [Fact]
    public void The_documented_agreement_holds_per_class()
    {
        var worst = new Dictionary<string, double>();
        foreach (var c in AllCases)
        {
            string name = c.GetProperty("name").GetString()!, cls = c.GetProperty("optimizer").GetString()!;
            var expected = c.GetProperty("expected").EnumerateArray().Select(Row).ToArray();
            Replay(name, (t, theta) =>
            {
                for (int i = 0; i < theta.Length; i++)
                {
                    double e = expected[t][i], error = Math.Abs(theta[i] - e) / Math.Max(Math.Abs(e), 1e-300);
                    worst[cls] = Math.Max(worst.GetValueOrDefault(cls), error);
                }
            });
        }
        foreach (var (cls, error) in worst) log.WriteLine($"{cls}: largest relative difference from PyTorch {error:G3}");
        Assert.All(worst, w => Assert.True(w.Value <= 1e-12, $"{w.Key}: {w.Value:G3}"));
    }
}
