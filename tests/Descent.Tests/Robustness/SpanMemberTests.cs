using Descent.Numerics;
using Descent.Optimizers;
using Descent.Optimizers.Pieces;
using Descent.Training;

namespace Descent.Tests.Robustness;

/// <summary>
/// The members with span parameters, which reflection cannot call: the same attacks, written by hand,
/// each with its exact expected outcome.
/// </summary>
public class SpanMemberTests
{
    internal static void Refused<TException>(Action act, string parameter, params string[] fragments)
        where TException : Exception
    {
        var e = Assert.ThrowsAny<TException>(act);
        if (e is ArgumentException a)
            Assert.True(a.ParamName == parameter || a.Message.Contains(parameter), $"'{parameter}' not named: {a.Message}");
        foreach (string f in fragments) Assert.Contains(f, e.Message);
    }

    public static IEnumerable<object[]> Optimizers() =>
    [
        [new Func<IOptimizer>(() => new Sgd(0.1, 0.9))], [new Func<IOptimizer>(() => new Momentum(0.1))],
        [new Func<IOptimizer>(() => new AdaGrad(0.1))], [new Func<IOptimizer>(() => new RmsProp(0.01, momentum: 0.5))],
        [new Func<IOptimizer>(() => new Adam(0.1))], [new Func<IOptimizer>(() => new AdamW(0.1))],
        [new Func<IOptimizer>(() => new Adamax(0.1))], [new Func<IOptimizer>(() => new Adadelta())],
        [new Func<IOptimizer>(() => new NAdam(0.1))], [new Func<IOptimizer>(() => new RAdam(0.1))],
        [new Func<IOptimizer>(() => new Lion(0.1))], [new Func<IOptimizer>(() => new Muon(0.1))],
        [new Func<IOptimizer>(() => Compose.Adam(0.1))], [new Func<IOptimizer>(() => Compose.Momentum(0.1))],
        [new Func<IOptimizer>(() => new ScratchOptimizer("GD", 0.1, (theta, g, _, eta) =>
        {
            for (int i = 0; i < theta.Length; i++) theta[i] -= eta * g[i];
        }))],
    ];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Optimizer_steps(Func<IOptimizer> make)
    {
        var optimizer = make();
        double[] theta = [1, 2];
        optimizer.Step(theta, [0.5, -0.5]);
        double[] after = [.. theta];
        string state = Fuzz.Snapshot(optimizer);

        // Wrong lengths: refused before anything changes.
        Refused<ArgumentException>(() => optimizer.Step(theta, [1.0]), "gradient", "gradient.Length = 1", "parameters.Length = 2");
        Refused<ArgumentException>(() => optimizer.Step(new double[3], new double[3]), "parameters", "parameters.Length = 3", "valid");
        Refused<ArgumentException>(() => optimizer.Step([], []), "parameters", "parameters.Length = 0", "valid");
        Assert.Equal(after, theta);
        Assert.Equal(state, Fuzz.Snapshot(optimizer));
        Assert.Equal(1, optimizer.StepCount);

        // A non-finite gradient is not checked by Step (PyTorch's design): it reaches θ, and the runners report it.
        optimizer.Step(theta, [double.NaN, 0]);
        Assert.True(double.IsNaN(theta[0]));
        Assert.Equal(2, optimizer.StepCount);

        // A fresh start after Reset, for a new length.
        optimizer.Reset();
        double[] three = [1, 2, 3];
        optimizer.Step(three, [1e308, -1e308, 0]);
        Assert.Equal(1, optimizer.StepCount);
        Assert.DoesNotContain(three, double.IsNaN);
    }

    [Fact]
    public void Muon_matrix_step()
    {
        var muon = new Muon(0.1);
        double[] theta = [1, 2, 3, 4, 5, 6];
        MatrixShape[] shapes = [new(2, 3)];
        muon.Step(theta, [0.5, -0.5, 1, 0, 2, -1], shapes);
        double[] after = [.. theta];
        string state = Fuzz.Snapshot(muon);

        // Shapes that do not describe θ, and the base checks: refused before anything changes.
        Refused<ArgumentNullException>(() => muon.Step(theta, new double[6], null!), "matrices");
        Refused<ArgumentException>(() => muon.Step(theta, new double[6], []), "matrices", "empty", "valid");
        Refused<ArgumentException>(() => muon.Step(theta, new double[6], [new(2, 2)]), "matrices", "sum to 4",
            "parameters.Length = 6", "valid");
        Refused<ArgumentException>(() => muon.Step(theta, new double[6], [new(2, 3), default]), "matrices[1]", "0×0",
            "valid");
        Refused<ArgumentException>(() => muon.Step(theta, [1.0], shapes), "gradient", "gradient.Length = 1");
        Refused<ArgumentException>(() => muon.Step(new double[4], new double[4], [new(2, 2)]), "parameters",
            "parameters.Length = 4", "valid");
        Refused<ArgumentException>(() => muon.Step([], [], shapes), "parameters", "parameters.Length = 0", "valid");
        Assert.Equal(after, theta);
        Assert.Equal(state, Fuzz.Snapshot(muon));

        // Huge gradients: U is divided by its norm (computed without overflow), so θ moves by a normal step.
        muon.Step(theta, [1e308, -1e308, 1e308, 0, -1e308, 1e-300], shapes);
        Assert.All(theta, v => Assert.InRange(v, -10, 10));
        // A NaN gradient reaches θ, as for every optimizer (the runners name the step and the parameter).
        muon.Step(theta, [double.NaN, 0, 0, 0, 0, 0], shapes);
        Assert.True(double.IsNaN(theta[0]));
    }

    [Fact]
    public void Muon_orthogonalize()
    {
        foreach (int bad in new[] { 0, -1, int.MinValue })
        {
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, 2], bad, 2), "rows", $"rows = {bad}",
                "valid");
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, 2], 1, bad), "columns",
                $"columns = {bad}", "valid");
        }
        Refused<ArgumentException>(() => Muon.Orthogonalize([1, 2], int.MaxValue, 2), "matrix", "matrix.Length = 2",
            "4294967294", "valid");
        Refused<ArgumentException>(() => Muon.Orthogonalize([], 1, 1), "matrix", "matrix.Length = 0", "valid");
        foreach (int bad in new[] { -1, 100, int.MaxValue })
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, 2], 1, 2, bad), "steps", "[0, 99]");
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, bad], 1, 2), "matrix", "matrix[1] = ",
                "valid");
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, 2], 1, 2, coefficients: (1, 0, bad)),
                "coefficients.C", "valid");
        }
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, -1 })
            Refused<ArgumentOutOfRangeException>(() => Muon.Orthogonalize([1, 2], 1, 2, epsilon: bad), "epsilon",
                "epsilon = ", "valid");

        // Huge values: the norm is computed without overflow, so the direction survives: p⁵(1)(1, −1)/√2.
        double p5 = Muon.Orthogonalize([1], 1, 1).Single(); // a 1×1 is its own σ: p⁵(1)
        Assert.Equal(0.6964364095, p5, 1e-10);
        double[] huge = Muon.Orthogonalize([1e308, -1e308], 1, 2);
        Assert.Equal(p5 / Math.Sqrt(2), huge[0], 1e-12);
        Assert.Equal(-p5 / Math.Sqrt(2), huge[1], 1e-12);
        // Tiny values: below ε = 1e-7 the norm is floored at ε (torch's clamp), so the result stays tiny;
        // with ε = 0 the direction comes back in full.
        Assert.All(Muon.Orthogonalize([1e-300, 1e-300], 1, 2), v => Assert.InRange(v, 0, 1e-280));
        Assert.All(Muon.Orthogonalize([1e-300, 1e-300], 1, 2, epsilon: 0),
            v => Assert.Equal(p5 / Math.Sqrt(2), v, 1e-12));
    }

    [Fact]
    public void Singular_values()
    {
        foreach (int bad in new[] { 0, -1, int.MinValue })
        {
            Refused<ArgumentOutOfRangeException>(() => Linear.SingularValues([1, 2], bad, 2), "rows", $"rows = {bad}");
            Refused<ArgumentOutOfRangeException>(() => Linear.SingularValues([1, 2], 1, bad), "columns",
                $"columns = {bad}");
        }
        Refused<ArgumentException>(() => Linear.SingularValues([1, 2, 3], 2, 2), "matrix", "matrix.Length = 3",
            "2 × 2 = 4", "valid");
        Refused<ArgumentException>(() => Linear.SingularValues([1, 2], int.MaxValue, int.MaxValue), "matrix", "valid");
        Refused<ArgumentException>(() => Linear.SingularValues([], 1, 1), "matrix", "matrix.Length = 0", "valid");
        Refused<ArgumentOutOfRangeException>(() => Linear.SingularValues([1, double.NaN], 1, 2), "matrix",
            "matrix[1] = NaN", "valid");
        Refused<ArgumentOutOfRangeException>(() => Linear.SingularValues([double.NegativeInfinity, 1], 2, 1), "matrix",
            "matrix[0] = -Infinity", "valid");
        // Huge and tiny entries: the matrix is scaled for the decomposition, so σ neither overflows nor vanishes.
        Assert.All(Linear.SingularValues([1e300, 0, 0, -1e300], 2, 2), s => Assert.Equal(1, s / 1e300, 1e-12));
        Assert.Equal(5e-300, Linear.SingularValues([3e-300, 4e-300], 1, 2).Single(), 1e-310);
        Assert.Equal([0.0, 0.0], Linear.SingularValues([0, 0, 0, 0, 0, 0], 2, 3));
    }

    public static IEnumerable<object[]> Pieces() =>
    [
        [new Func<IGradientTransformation>(() => new Ema(0.9, debias: true))],
        [new Func<IGradientTransformation>(() => new Trace(0.9, nesterov: true))],
        [new Func<IGradientTransformation>(() => new ScaleByRms(0.99))],
        [new Func<IGradientTransformation>(() => new ScaleByLearningRate(0.1))],
        [new Func<IGradientTransformation>(() => new Chain(new Ema(0.9), new ScaleByRms(0.99)))],
    ];

    [Theory]
    [MemberData(nameof(Pieces))]
    public void Pieces_transform(Func<IGradientTransformation> make)
    {
        var piece = make();
        double[] u = [1, 2];
        piece.Transform(u, [1, 2]);
        string state = Fuzz.Snapshot(piece);
        Refused<ArgumentException>(() => piece.Transform(new double[2], [1.0]), "gradient", "gradient.Length = 1");
        if (piece is not ScaleByLearningRate) // stateless: any length is fine
        {
            Refused<ArgumentException>(() => piece.Transform(new double[3], new double[3]), "", "Length = 3", "valid");
            Refused<ArgumentException>(() => piece.Transform([], []), "", "Length = 0", "valid");
        }
        Assert.Equal(state, Fuzz.Snapshot(piece));
        piece.Reset();
        double[] three = [1, 2, 3];
        piece.Transform(three, [1, 2, 3]);
        Assert.DoesNotContain(three, double.IsNaN);
    }

    [Fact]
    public void Pieces_add()
    {
        var ema = new Ema(0.9);
        var trace = new Trace(0.9);
        Refused<ArgumentException>(() => ema.Add([]), "x", "x.Length = 0", "valid");
        Refused<ArgumentException>(() => trace.Add([]), "g", "g.Length = 0", "valid");
        ema.Add([1.0, 2.0]);
        trace.Add([1.0, 2.0]);
        Refused<ArgumentException>(() => ema.Add([1.0]), "x", "x.Length = 1", "valid value is 2");
        Refused<ArgumentException>(() => trace.Add([1.0]), "g", "g.Length = 1", "valid value is 2");
        Assert.Equal(1, ema.Count);
        Assert.Equal(1, trace.Count);
        Assert.Equal([0.1, 0.2], ema.Value.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Clipping()
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, 0, -1 })
        {
            Refused<ArgumentOutOfRangeException>(() => Clip.ByGlobalNorm(new double[] { 3, 4 }, bad), "maxNorm", "valid range");
            Refused<ArgumentOutOfRangeException>(() => Clip.ByValue(new double[] { 3, 4 }, bad), "clipValue", "valid range");
        }
        // A non-finite component cannot be clipped into a direction: refused with its index, g untouched.
        double[] g = [3, double.NaN];
        Refused<ArgumentException>(() => Clip.ByGlobalNorm(g, 1), "gradient", "gradient[1] = NaN", "valid");
        Refused<ArgumentException>(() => Clip.ByValue(g, 1), "gradient", "gradient[1] = NaN", "valid");
        Assert.Equal(3, g[0]);

        // Huge but finite components: ‖g‖ = √2·1e200 is finite although g² overflows; the clipped g has norm ≈ 1.
        double[] huge = [1e200, 1e200];
        double norm = Clip.ByGlobalNorm(huge, 1);
        Assert.Equal(Math.Sqrt(2) * 1e200, norm, 1e-12 * norm);
        Assert.Equal(1 / Math.Sqrt(2), huge[0], 1e-12);
        // Tiny components: the norm does not underflow to 0 (1e-200² is 0 in doubles).
        Assert.Equal(Math.Sqrt(2) * 1e-200, Clip.ByGlobalNorm(new double[] { 1e-200, 1e-200 }, 1), 1e-212);
        Assert.Equal(0, Clip.ByGlobalNorm(Span<double>.Empty, 1));
    }

    [Fact]
    public void Dataset_row()
    {
        var data = Fixture.Blobs();
        Assert.Equal(2, data.Row(data.Count - 1).Length);
        foreach (int bad in new[] { -1, data.Count, int.MaxValue, int.MinValue })
            Refused<ArgumentOutOfRangeException>(() => data.Row(bad), "i", $"i = {bad}", $"[0, {data.Count - 1}]");
    }

    [Fact]
    public void Mlp_loss()
    {
        var model = Fixture.Classifier();
        var data = Fixture.Blobs();
        double[] before = [.. model.Parameters];
        double[] gradient = new double[model.Parameters.Length];
        Assert.True(double.IsFinite(model.LossAndGradient(data, [0, 1, 2], gradient)));

        Refused<ArgumentNullException>(() => model.Loss(null!, [0]), "data");
        Refused<ArgumentException>(() => model.Loss(data, []), "rows", "rows.Length = 0", "valid");
        Refused<ArgumentOutOfRangeException>(() => model.Loss(data, [0, data.Count]), "rows", $"rows[1] = {data.Count}",
            $"[0, {data.Count - 1}]");
        Refused<ArgumentOutOfRangeException>(() => model.Loss(data, [-1]), "rows", "rows[0] = -1");
        Refused<ArgumentException>(() => model.LossAndGradient(data, [0], new double[3]), "gradient", "gradient.Length = 3",
            $"{model.Parameters.Length}");
        // ch. 06: an output layer that does not match the classes (was an IndexOutOfRangeException).
        Refused<ArgumentException>(() => new Mlp([2, 4, 2]).Loss(data, [0]), "data", "3 classes", "2 outputs");
        // A classifier on a regression dataset (was a NullReferenceException), and the other way round.
        Refused<ArgumentException>(() => model.Loss(Fixture.Linear(), [0]), "data", "regression", "valid");
        Refused<ArgumentException>(() => Fixture.Regressor().Loss(data, [0]), "data", "classification", "valid");
        Assert.Equal(before, model.Parameters);
    }

    [Fact]
    public void Parameter_groups_step()
    {
        var groups = Fixture.Grouped();
        double[] theta = [1, 2, 3, 4, 5, 6, 7, 8];
        groups.Step(theta, [1, 1, 1, 1, 1, 1, 1, 1]);
        double[] after = [.. theta];
        string state = Fuzz.Snapshot(groups);
        Refused<ArgumentException>(() => groups.Step(theta, [1.0]), "gradient", "gradient.Length = 1", "valid length is 8");
        Refused<ArgumentException>(() => groups.Step(new double[3], new double[3]), "parameters", "parameters.Length = 3");
        Refused<ArgumentException>(() => groups.Step([], []), "parameters", "parameters.Length = 0");
        Assert.Equal(after, theta);
        Assert.Equal(state, Fuzz.Snapshot(groups));
        Assert.Equal(1, groups.StepCount);
        // Values are not checked (PyTorch's design): a NaN reaches θ and the runners report it.
        groups.Step(theta, [double.NaN, 0, 0, 0, 0, 0, 0, 0]);
        Assert.True(double.IsNaN(theta[0]));
        groups.Reset();
        Assert.Equal(0, groups.StepCount);
        Assert.All(groups.Groups, g => Assert.Equal(0, g.Optimizer.StepCount));
    }
}
