using Descent.Landscapes;
using Descent.Optimizers;
using Descent.Schedules;
using Descent.Training;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Parameter groups (PyTorch's param_groups): each group's optimizer sees exactly its own parameters,
/// in order, with its own state and η; schedules drive each group from its own base rate.
/// </summary>
public class ParameterGroupsTests
{
    /// <summary>Records what a matrix optimizer was given, and steps like plain gradient descent.</summary>
    private sealed class RecordingMatrixOptimizer(double learningRate) : IMatrixOptimizer
    {
        public List<MatrixShape[]> Shapes { get; } = [];
        public List<double[]> Gradients { get; } = [];
        public string Name => "Recorder";
        public double LearningRate { get; set; } = learningRate;
        public int StepCount { get; private set; }

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradient) =>
            Step(parameters, gradient, [new MatrixShape(1, parameters.Length)]);

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, IReadOnlyList<MatrixShape> matrices)
        {
            Shapes.Add(matrices.ToArray());
            Gradients.Add(gradient.ToArray());
            for (int i = 0; i < parameters.Length; i++) parameters[i] -= LearningRate * gradient[i];
            StepCount++;
        }

        public void Reset() => StepCount = 0;
    }

    private static double[] Gradient(int n, int t) =>
        Enumerable.Range(0, n).Select(i => Math.Sin(0.7 * t + 1.3 * i) * (i % 3 == 0 ? 10 : 0.1)).ToArray();

    [Fact]
    public void Each_group_steps_exactly_its_own_parameters_with_its_own_state()
    {
        // Layout of 10 parameters: A = [0, 3) ∪ [7, 10) to Adam, B = [3, 7) to SGD with momentum.
        var adam = new Adam(0.05);
        var sgd = new Sgd(0.1, momentum: 0.9);
        var groups = new ParameterGroups(10,
            (adam, [ParameterBlock.Vector("a1", 0, 3), ParameterBlock.Vector("a2", 7, 3)]),
            (sgd, [ParameterBlock.Matrix("b", 3, 2, 2)]));
        // The same arithmetic by hand: two independent optimizers on the gathered parts.
        var adamAlone = new Adam(0.05);
        var sgdAlone = new Sgd(0.1, momentum: 0.9);
        double[] theta = Enumerable.Range(0, 10).Select(i => 0.5 * i - 2).ToArray();
        double[] partA = [.. theta[..3], .. theta[7..]];
        double[] partB = theta[3..7];
        for (int t = 0; t < 25; t++)
        {
            double[] g = Gradient(10, t);
            groups.Step(theta, g);
            adamAlone.Step(partA, [.. g[..3], .. g[7..]]);
            sgdAlone.Step(partB, g[3..7]);
        }
        Assert.Equal(partA, theta[..3].Concat(theta[7..]).ToArray());   // bit for bit
        Assert.Equal(partB, theta[3..7]);
        Assert.Equal(25, groups.StepCount);
        Assert.Equal(25, adam.StepCount);
        Assert.Equal($"{adam.Name} + {sgd.Name}", groups.Name);
    }

    [Fact]
    public void One_group_over_everything_is_the_optimizer_itself()
    {
        var groups = new ParameterGroups(6, (new RmsProp(0.01, momentum: 0.5), [ParameterBlock.Vector("all", 0, 6)]));
        var alone = new RmsProp(0.01, momentum: 0.5);
        double[] a = [1, -2, 3, -4, 5, -6], b = [.. a];
        for (int t = 0; t < 40; t++)
        {
            groups.Step(a, Gradient(6, t));
            alone.Step(b, Gradient(6, t));
        }
        Assert.Equal(b, a);
    }

    [Fact]
    public void A_matrix_optimizer_gets_its_blocks_gathered_in_order_with_their_shapes()
    {
        var recorder = new RecordingMatrixOptimizer(0.1);
        var groups = new ParameterGroups(12,
            (new Sgd(0.1), [ParameterBlock.Vector("bias", 6, 2)]),
            (recorder, [ParameterBlock.Matrix("late", 8, 2, 2), ParameterBlock.Matrix("early", 0, 2, 3)]));
        double[] theta = new double[12];
        double[] g = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        groups.Step(theta, g);
        Assert.Equal(new[] { new MatrixShape(2, 2), new MatrixShape(2, 3) }, recorder.Shapes.Single());
        Assert.Equal(new[] { 8.0, 9, 10, 11, 0, 1, 2, 3, 4, 5 }, recorder.Gradients.Single());
        // Written back where each block lives: θ = −0.1 g everywhere (both groups are plain steps at 0.1).
        Assert.Equal(g.Select(x => -0.1 * x), theta);
    }

    [Fact]
    public void The_network_blocks_cover_every_parameter_once_and_name_the_hidden_matrices()
    {
        var net = new Mlp([2, 5, 4, 4, 3], seed: 1);
        var blocks = net.Blocks;
        Assert.Equal(8, blocks.Count);
        int next = 0;
        foreach (var b in blocks)
        {
            Assert.Equal(next, b.Offset);
            next = b.End;
        }
        Assert.Equal(net.Parameters.Length, next);
        Assert.Equal("layer 2 weight [1, 3]", net.Describe(blocks[2].Offset + 1 * 5 + 3)); // row 1, column 3 of 4×5
        Assert.Equal((4, 5, true), (blocks[2].Rows, blocks[2].Columns, blocks[2].IsMatrix));
        Assert.Equal((5, 1, false), (blocks[1].Rows, blocks[1].Columns, blocks[1].IsMatrix));
        Assert.Equal(new[] { "layer 2 weight", "layer 3 weight" }, net.HiddenWeights.Select(b => b.Name));
        Assert.Empty(new Mlp([2, 8, 3]).HiddenWeights);

        var split = ParameterGroups.MuonWithAdamW(net, new RecordingMatrixOptimizer(0.02), new AdamW(0.001));
        Assert.Equal(2, split.Groups[0].Blocks.Count);
        Assert.Equal(6, split.Groups[1].Blocks.Count);
        Assert.Equal("Recorder + AdamW", split.Name);
        var e = Assert.Throws<ArgumentException>(() =>
            ParameterGroups.MuonWithAdamW(new Mlp([2, 8, 3]), new RecordingMatrixOptimizer(0.02), new AdamW(0.001)));
        Assert.Contains("[2, 8, 3]", e.Message);
        Assert.Contains("at least two hidden layers", e.Message);
    }

    [Fact]
    public void Bad_groups_are_refused_with_the_parameter_and_the_rule()
    {
        static void Refused(Func<object> make, params string[] fragments)
        {
            var e = Assert.ThrowsAny<ArgumentException>(make);
            foreach (string f in fragments) Assert.Contains(f, e.Message);
        }
        var v = ParameterBlock.Vector;
        Refused(() => new ParameterGroups(4, (new Sgd(0.1), [v("a", 0, 3)])), "parameters 3…3 are in no group");
        Refused(() => new ParameterGroups(4, (new Sgd(0.1), [v("a", 0, 3)]), (new Adam(0.1), [v("b", 2, 2)])),
            "parameter 2 is in two blocks");
        Refused(() => new ParameterGroups(4, (new Sgd(0.1), [v("a", 0, 5)])), "ends at 5", "[0, 4]");
        var shared = new Sgd(0.1);
        Refused(() => new ParameterGroups(4, (shared, [v("a", 0, 2)]), (shared, [v("b", 2, 2)])), "same SGD object");
        Refused(() => new ParameterGroups(4, (new Sgd(0.1), [])), "has no blocks");
        Refused(() => new ParameterGroups(4, (null!, [v("a", 0, 4)])), "groups[0].Optimizer is null");
        Refused(() => new ParameterGroups(4), "groups is empty");
        Refused(() => new ParameterGroups(0, (new Sgd(0.1), [v("a", 0, 1)])), "parameterCount = 0", "[1, 10000000]");
        Refused(() => new ParameterGroups(4, (new RecordingMatrixOptimizer(0.1), [v("bias", 0, 4)])),
            "Recorder works on weight matrices only", "bias");
        var inner = new ParameterGroups(4, (new Sgd(0.1), [v("a", 0, 4)]));
        Refused(() => new ParameterGroups(4, (inner, [v("a", 0, 4)])), "do not nest");
        Refused(() => ParameterBlock.Matrix("w", -1, 2, 2), "offset = -1");
        Refused(() => ParameterBlock.Matrix("w", 0, 2, 0), "columns = 0");
        Refused(() => ParameterBlock.Matrix("w", 0, 1 << 16, 1 << 16), "rows × columns");

        var groups = new ParameterGroups(4, (new Sgd(0.1), [v("a", 0, 4)]));
        double[] theta = [1, 2, 3, 4];
        Refused(() => { groups.Step(theta, new double[3]); return 0; }, "gradient.Length = 3", "valid length is 4");
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, theta);
        Assert.Equal(0, groups.StepCount);
    }

    [Fact]
    public void Setting_the_learning_rate_scales_every_group_and_keeps_their_ratio()
    {
        var (a, b) = (new Sgd(0.2), new Adam(0.002));
        var groups = new ParameterGroups(2, (a, [ParameterBlock.Vector("a", 0, 1)]), (b, [ParameterBlock.Vector("b", 1, 1)]));
        Assert.Equal(0.2, groups.LearningRate);
        groups.LearningRate = 0.1;
        Assert.Equal((0.1, 0.001), (a.LearningRate, b.LearningRate));
        var e = Assert.ThrowsAny<ArgumentException>(() => groups.LearningRate = -1);
        Assert.Contains("LearningRate = -1", e.Message);
        Assert.Equal((0.1, 0.001), (a.LearningRate, b.LearningRate));
        groups.LearningRate = 0;
        Assert.Equal((0.0, 0.0), (a.LearningRate, b.LearningRate));
        Assert.Throws<InvalidOperationException>(() => groups.LearningRate = 0.3);
    }

    [Fact]
    public void A_schedule_drives_each_group_from_its_own_base_rate_and_restores_both()
    {
        // PyTorch: a scheduler applies its formula to each group's own initial_lr (cosine with η_min shows it:
        // η_min + (η₀ − η_min)(1 + cos(πt/T))/2 is not a common factor times η₀).
        var (first, second) = (new Sgd(0.4), new Sgd(0.01));
        var groups = new ParameterGroups(2,
            (first, [ParameterBlock.Vector("x", 0, 1)]), (second, [ParameterBlock.Vector("y", 1, 1)]));
        var cosine = new CosineAnnealing(tMax: 20, etaMin: 0.005);
        var seen = new List<(double, double)>();
        var run = Descend.Run(groups, Landscape.Bowl, 20, schedule: cosine,
            observe: s => seen.Add((s.Optimizer.Groups[0].Optimizer.LearningRate,
                s.Optimizer.Groups[1].Optimizer.LearningRate)));
        Assert.False(run.Diverged);
        for (int t = 0; t < 20; t++)
        {
            Assert.Equal(cosine.At(t, 0.4), seen[t].Item1);
            Assert.Equal(cosine.At(t, 0.01), seen[t].Item2);
        }
        Assert.NotEqual(cosine.At(10, 0.4) / 0.4, cosine.At(10, 0.01) / 0.01, 6); // not one shared factor
        Assert.Equal((0.4, 0.01), (first.LearningRate, second.LearningRate));

        // A bad rate in the second group is named before any step.
        var bad = new ParameterGroups(2,
            (new Sgd(0.4), [ParameterBlock.Vector("x", 0, 1)]), (new Sgd(0.001), [ParameterBlock.Vector("y", 1, 1)]));
        var e = Assert.ThrowsAny<ArgumentException>(() => Descend.Run(bad, Landscape.Bowl, 20, schedule: cosine));
        Assert.Contains("group 1 (SGD)", e.Message);
    }

    [Fact]
    public void The_trainer_trains_groups_and_refuses_a_matrix_optimizer_alone()
    {
        var data = Datasets.Spirals(pointsPerClass: 40, classes: 3, noise: 0.2, seed: 1);
        var options = new TrainingOptions(30) { BatchSize = 16, Seed = 2 };
        // Groups with one optimizer over every block: the same run as that optimizer alone.
        var netA = new Mlp([2, 8, 8, 3], seed: 3);
        var netB = new Mlp([2, 8, 8, 3], seed: 3);
        var alone = Trainer.Train(netA, data, new Adam(0.01), options);
        var grouped = Trainer.Train(netB, data,
            new ParameterGroups(netB.Parameters.Length, (new Adam(0.01), netB.Blocks)), options);
        Assert.Equal(alone.Losses, grouped.Losses);
        Assert.Equal(netA.Parameters, netB.Parameters);
        Assert.Equal("Adam", grouped.OptimizerName);

        var e = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(new Mlp([2, 8, 8, 3]), data, new RecordingMatrixOptimizer(0.02), options));
        Assert.Contains("MuonWithAdamW", e.Message);
        var other = new Mlp([2, 4, 3]);
        e = Assert.Throws<ArgumentException>(() => Trainer.Train(other, data,
            new ParameterGroups(netB.Parameters.Length, (new Adam(0.01), netB.Blocks)), options));
        Assert.Contains($"the network has {other.Parameters.Length}", e.Message);
    }

    [Fact]
    public void Muon_on_the_hidden_matrices_and_AdamW_on_the_rest_trains_the_network()
    {
        var data = Datasets.Spirals(pointsPerClass: 60, classes: 3, noise: 0.2, seed: 1);
        var net = new Mlp([2, 16, 16, 16, 3], seed: 2);
        double[] before = [.. net.Parameters];
        var muon = new Muon(learningRate: 0.02);
        var groups = ParameterGroups.MuonWithAdamW(net, muon, new AdamW(learningRate: 0.01));
        Assert.Equal("Muon + AdamW", groups.Name);
        var run = Trainer.Train(net, data, groups, new TrainingOptions(150) { BatchSize = 32, Seed = 1 });
        Assert.False(run.Diverged, run.Divergence);
        Assert.True(run.FinalLoss < 0.6 * run.Losses[0], $"loss {run.Losses[0]} → {run.FinalLoss}");
        Assert.Equal(150, muon.StepCount);
        Assert.Equal(2 * 16 * 16, muon.MomentumBuffer.Count);       // the two hidden 16×16 matrices only
        // Every weight moved: each is in one group that steps it (both decay weights, so even a dead unit's
        // weights shrink; a dead unit's bias starts at 0 and may stay there).
        Assert.All(Enumerable.Range(0, before.Length).Where(i => before[i] != 0),
            i => Assert.NotEqual(before[i], net.Parameters[i]));

        var e = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(new Mlp([2, 16, 16, 3]), data, new Muon(0.02), new TrainingOptions(5)));
        Assert.Contains("Muon works on weight matrices", e.Message);
    }
}
