using System.Text.Json;
using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// The library against real torch.optim: Reference/torch_vectors.json was produced by PyTorch itself
/// (float64, see make_torch_vectors.py) for every optimizer and option, over six steps whose gradients
/// include zeros, 1e8 and 1e150, and a learning rate that changes between steps.
/// </summary>
public class TorchParityTests
{
    private static readonly JsonDocument Vectors =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_vectors.json")));

    public static TheoryData<string, StepPath> Cases()
    {
        var data = new TheoryData<string, StepPath>();
        foreach (var c in Vectors.RootElement.GetProperty("cases").EnumerateArray())
        foreach (var path in new[] { StepPath.Vectorized, StepPath.Scalar })
            data.Add(c.GetProperty("name").GetString()!, path);
        return data;
    }

    private static JsonElement Case(string name) =>
        Vectors.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Row(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void The_vectors_cover_every_optimizer_and_option()
    {
        var cases = Vectors.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var classes = cases.Select(c => c.GetProperty("optimizer").GetString()).ToHashSet();
        Assert.True(classes.SetEquals(["SGD", "Adagrad", "RMSprop", "Adam", "AdamW"]), string.Join(", ", classes));
        var options = cases.SelectMany(c => c.GetProperty("options").EnumerateObject().Select(p => c.GetProperty("optimizer").GetString() + "." + p.Name)).ToHashSet();
        string[] required =
        [
            "SGD.momentum", "SGD.dampening", "SGD.nesterov", "SGD.weightDecay",
            "Adagrad.learningRateDecay", "Adagrad.weightDecay", "Adagrad.initialAccumulatorValue", "Adagrad.epsilon",
            "RMSprop.alpha", "RMSprop.epsilon", "RMSprop.weightDecay", "RMSprop.momentum", "RMSprop.centered",
            "Adam.beta1", "Adam.beta2", "Adam.epsilon", "Adam.weightDecay", "Adam.amsGrad",
            "AdamW.weightDecay", "AdamW.amsGrad",
        ];
        Assert.Empty(required.Except(options));
    }

    /// <summary>Runs a case's six steps, calling <paramref name="afterStep"/> with t and θ after each one.</summary>
    private static IOptimizer Replay(string name, StepPath path, Action<int, double[]>? afterStep = null)
    {
        var c = Case(name);
        var rates = Row(c.GetProperty("learningRates"));
        var optimizer = Build.From(c.GetProperty("optimizer").GetString()!, rates[0], c.GetProperty("options"));
        ((OptimizerBase)optimizer).Path = path;
        double[] theta = Row(c.GetProperty("initial"));
        var gradients = c.GetProperty("gradients").EnumerateArray().Select(Row).ToArray();
        for (int t = 0; t < gradients.Length; t++)
        {
            optimizer.LearningRate = rates[t];
            optimizer.Step(theta, gradients[t]);
            afterStep?.Invoke(t, theta);
        }
        return optimizer;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_step_matches_pytorch(string name, StepPath path)
    {
        var expected = Case(name).GetProperty("expected").EnumerateArray().Select(Row).ToArray();
        int steps = 0;
        var optimizer = Replay(name, path, (t, theta) =>
        {
            Close.All(expected[t], theta, $"{name} ({path}), θ after step {t + 1}");
            steps++;
        });
        Assert.Equal(expected.Length, steps);
        Assert.Equal(expected.Length, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Final_state_matches_pytorch(string name, StepPath path)
    {
        var optimizer = Replay(name, path);
        var states = Case(name).GetProperty("finalState").EnumerateObject().ToList();
        if (optimizer is not Sgd { Momentum: 0 }) Assert.NotEmpty(states); // only plain SGD keeps no state
        foreach (var state in states)
            Close.All(Row(state.Value), Build.State(optimizer, state.Name), $"{name} ({path}), state {state.Name}");
    }
}
