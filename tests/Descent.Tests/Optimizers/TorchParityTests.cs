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

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_step_matches_pytorch(string name, StepPath path)
    {
        var c = Case(name);
        var rates = Row(c.GetProperty("learningRates"));
        var optimizer = Build.From(c.GetProperty("optimizer").GetString()!, rates[0], c.GetProperty("options"));
        ((OptimizerBase)optimizer).Path = path;
        double[] theta = Row(c.GetProperty("initial"));
        var gradients = c.GetProperty("gradients").EnumerateArray().Select(Row).ToArray();
        var expected = c.GetProperty("expected").EnumerateArray().Select(Row).ToArray();

        for (int t = 0; t < gradients.Length; t++)
        {
            optimizer.LearningRate = rates[t];
            optimizer.Step(theta, gradients[t]);
            Assert.Equal(t + 1, optimizer.StepCount);
            Close.All(expected[t], theta, $"{name}, θ after step {t + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Final_state_matches_pytorch(string name, StepPath path)
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
        }
        var states = c.GetProperty("finalState").EnumerateObject().ToList();
        foreach (var state in states)
            Close.All(Row(state.Value), Build.State(optimizer, state.Name), $"{name}, state {state.Name}");
    }
}
