using Descent.Charts;
using Descent.Landscapes;
using Descent.Numerics;
using Descent.Optimizers;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Muon is not in PyTorch 1.13 (Debian's), so it is pinned by hand-worked steps, a deliberately naive second
/// transcription of torch's <c>_single_tensor_muon</c> (plain double[,] loops, no MathNet), and the singular
/// values of <see cref="Muon.Orthogonalize"/>, which must be the scalar map s ← as + bs³ + cs⁵ applied five
/// times to the normalized singular values of the input.
/// </summary>
public class MuonTests(ITestOutputHelper output)
{
    private const double A = 3.4445, B = -4.775, C = 2.0315;

    /// <summary>The scalar Newton–Schulz map, iterated: what NS does to one normalized singular value.</summary>
    private static double Map(double s, int steps = 5, double a = A, double b = B, double c = C)
    {
        for (int k = 0; k < steps; k++) s = a * s + b * s * s * s + c * s * s * s * s * s;
        return s;
    }

    // ───────────────────────────── (a) hand-worked ─────────────────────────────

    [Fact]
    public void A_diagonal_2x2_first_step_by_hand()
    {
        // γ = 0.1, λ = 0.1, μ = 0.95, Nesterov; θ₀ = [[1, 2], [3, 4]], g = [[3, 0], [0, 4]] (row-major).
        var muon = new Muon(0.1, weightDecay: 0.1, momentum: 0.95, nesterov: true);
        double[] theta = [1, 2, 3, 4];
        muon.Step(theta, [3, 0, 0, 4], [new MatrixShape(2, 2)]);

        // B = 0.95·0 + 0.05·g = [[0.15, 0], [0, 0.2]].
        Close.All([0.15, 0, 0, 0.2], muon.MomentumBuffer, "B");
        // U = 0.05g + 0.95B = 0.0975g; ‖U‖_F = 0.0975·√(9 + 16) = 0.4875 ≫ ε, so X = U/‖U‖ = diag(0.6, 0.8).
        // X diagonal → G = XXᵀ = diag(s²), H = diag(bs² + cs⁴), aX + HX = diag(as + bs³ + cs⁵) = diag(p(s)):
        //   p(0.6) = 3.4445·0.6 − 4.775·0.216 + 2.0315·0.07776 = 2.0667 − 1.0314 + 0.15796944 = 1.19326944
        //   p(0.8) = 3.4445·0.8 − 4.775·0.512 + 2.0315·0.32768 = 2.7556 − 2.4448 + 0.66568192 = 0.97648192
        // and on (to 10 digits): 0.6 → 1.19326944 → 0.9119177066 → 0.8011376942 → 0.9747023594 → 0.7228761686
        //                        0.8 → 0.97648192 → 0.7211175921 → 1.0894568355 → 0.6960447483 → 1.1192039299
        Assert.Equal(1.19326944, Map(0.6, 1), 1e-15);
        Assert.Equal(0.97648192, Map(0.8, 1), 1e-15);
        Assert.Equal(0.7228761686, Map(0.6), 1e-10);
        Assert.Equal(1.1192039299, Map(0.8), 1e-10);
        // Square: γ' = γ√max(1, 2/2) = 0.1. θ ← 0.99θ − 0.1·O:
        //   0.99 − 0.07228761686 = 0.91771238314;  1.98;  2.97;  3.96 − 0.11192039299 = 3.84807960701.
        Close.All([0.99 - 0.1 * Map(0.6), 1.98, 2.97, 3.96 - 0.1 * Map(0.8)], theta, "θ₁");
        Close.All([0.91771238314, 1.98, 2.97, 3.84807960701], theta, "θ₁ (hand decimals)", 1e-10);
    }

    [Fact]
    public void A_non_diagonal_2x2_follows_the_scalar_map_on_its_svd()
    {
        // U = [[2, 2], [−1, 1]]: UᵀU = [[5, 3], [3, 5]], eigenvalues 8 and 2, so σ = 2√2 and √2 with
        // v₁ = (1, 1)/√2, v₂ = (1, −1)/√2 and u₁ = Uv₁/σ₁ = (1, 0), u₂ = Uv₂/σ₂ = (0, −1).
        // ‖U‖_F = √10: the normalized singular values are √0.8 and √0.2, and
        // O = p⁵(√0.8)·u₁v₁ᵀ + p⁵(√0.2)·u₂v₂ᵀ = [[q₁, q₁], [−q₂, q₂]]/√2.
        double q1 = Map(Math.Sqrt(0.8)), q2 = Map(Math.Sqrt(0.2));
        Assert.Equal(0.6887627711, q1, 1e-10); // √0.8 → 0.8270410464 → 0.9336099716 → 0.7710490791 → 1.0206505353
        Assert.Equal(1.1141640047, q2, 1e-10); // √0.2 → 1.1496788228 → 0.7843429519 → 1.0006630713 → 0.7005232375
        double[] o = Muon.Orthogonalize([2, 2, -1, 1], 2, 2);
        double r = Math.Sqrt(2);
        Close.All([q1 / r, q1 / r, -q2 / r, q2 / r], o, "O");

        // Rank 1: [[3, 0], [4, 0]] = 5·(0.6, 0.8)(1, 0)ᵀ; its only normalized σ is 1 and the zero one stays 0:
        // O = p⁵(1)·[[0.6, 0], [0.8, 0]], p⁵(1): 1 → 0.701 → 1.1136202165 → 0.7207059499 → 1.0899742015 → 0.6964364095.
        Assert.Equal(0.6964364095, Map(1), 1e-10);
        Close.All([0.6 * Map(1), 0, 0.8 * Map(1), 0], Muon.Orthogonalize([3, 0, 4, 0], 2, 2), "O of a rank-1 U");
    }

    [Fact]
    public void Without_matrices_theta_is_one_row_and_Muon_is_normalized_momentum()
    {
        // θ = (1, 2) as a 1×2 row; g = (0.3, −0.4): U ∝ g, U/‖U‖ = (0.6, −0.8), the only σ is 1 → O = p⁵(1)(0.6, −0.8).
        // γ' = γ√max(1, 1/2) = γ = 0.1; θ ← 0.99θ − 0.1·O = (0.99 − 0.06·p⁵(1), 1.98 + 0.08·p⁵(1))
        //                                          = (0.94821381543, 2.03571491276).
        var muon = new Muon(0.1, weightDecay: 0.1);
        double[] theta = [1, 2];
        muon.Step(theta, [0.3, -0.4]);
        Close.All([0.99 - 0.06 * Map(1), 1.98 + 0.08 * Map(1)], theta, "θ₁");
        Close.All([0.94821381543, 2.03571491276], theta, "θ₁ (hand decimals)", 1e-10);
    }

    [Fact]
    public void On_a_2D_landscape_every_step_has_the_same_length()
    {
        // θ is a 1×2 row: O = p⁵(1)·U/‖U‖, so with λ = 0 each step moves θ by exactly γ·p⁵(1) = 0.05·0.69644,
        // whatever the gradient's size: a learner sees constant-length steps that still find the valley.
        var run = Descend.Run(new Muon(0.05, weightDecay: 0), Landscape.Bowl, 400);
        for (int k = 1; k < run.Points.Count; k++)
            Close.Assert(0.05 * Map(1), run.Points[k].DistanceTo(run.Points[k - 1]), $"step {k}'s length", 1e-9);
        output.WriteLine($"Bowl from {run.Points[0]}: distance to the minimum after 400 steps {run.DistanceToMinimum:G3}");
        Assert.True(run.DistanceToMinimum < 0.1, $"distance to the minimum {run.DistanceToMinimum}");
    }

    // ───────────────────────────── (b) naive transcription ─────────────────────────────

    public static TheoryData<string, bool, MuonLearningRateAdjustment, double> Cases()
    {
        var data = new TheoryData<string, bool, MuonLearningRateAdjustment, double>();
        foreach (string shapes in new[] { "5x3", "3x5", "4x4", "1x6", "6x1", "4x3,3x4,1x5,2x2" })
        foreach (bool nesterov in new[] { true, false })
        foreach (var how in new[] { MuonLearningRateAdjustment.Original, MuonLearningRateAdjustment.MatchRmsAdamW })
            data.Add(shapes, nesterov, how, nesterov ? 0.1 : 0.0);
        data.Add("4x3,3x4,1x5,2x2", true, MuonLearningRateAdjustment.MatchRmsAdamW, 0.3);
        data.Add("5x3", false, MuonLearningRateAdjustment.Original, 0.3);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Follows_a_naive_transcription_for_60_steps(string shapeList, bool nesterov,
        MuonLearningRateAdjustment how, double weightDecay)
    {
        const int steps = 60;
        const double lr = 0.02, mu = 0.9;
        var shapes = shapeList.Split(',').Select(s => s.Split('x'))
            .Select(p => new MatrixShape(int.Parse(p[0]), int.Parse(p[1]))).ToArray();
        int n = shapes.Sum(s => s.Count);
        var random = new Random(11);
        double[] theta0 = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[][] grads = Enumerable.Range(0, steps).Select(t => Enumerable.Range(0, n)
            .Select(i => Math.Sin(0.3 * t + i) * (1 + i % 3) + (random.NextDouble() - 0.5)).ToArray()).ToArray();

        double[][] expected = NaiveMuon(theta0, grads, shapes, lr, weightDecay, mu, nesterov, how);
        var muon = new Muon(lr, weightDecay, mu, nesterov, adjustLearningRate: how);
        double[] theta = (double[])theta0.Clone();
        double largest = 0;
        for (int t = 0; t < steps; t++)
        {
            muon.Step(theta, grads[t], shapes);
            for (int i = 0; i < n; i++)
            {
                double difference = Math.Abs(theta[i] - expected[t][i]);
                largest = Math.Max(largest, difference / Math.Max(Math.Abs(expected[t][i]), 1));
                Assert.True(difference <= 1e-12 * Math.Max(Math.Abs(expected[t][i]), 1),
                    $"step {t + 1}, θ[{i}]: {theta[i]:R} vs {expected[t][i]:R}");
            }
        }
        // The run moved θ (a transcription that agrees on a θ that never moves proves nothing).
        Assert.True(theta.Zip(theta0, (x, y) => Math.Abs(x - y)).Max() > 0.01);
        output.WriteLine($"{shapeList} nesterov={nesterov} {how} λ={weightDecay}: largest relative difference " +
            $"{largest:G3} over {steps} steps");
    }

    /// <summary>
    /// torch's _single_tensor_muon, transcribed naively: the buffer from its closed form
    /// Bₜ = Σₛ (1 − μ)μ^(t−s) gₛ over the whole history, matrices as double[,], every product a triple loop.
    /// </summary>
    private static double[][] NaiveMuon(double[] theta0, double[][] grads, MatrixShape[] shapes, double lr,
        double lambda, double mu, bool nesterov, MuonLearningRateAdjustment how)
    {
        var theta = (double[])theta0.Clone();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            int offset = 0;
            foreach (var shape in shapes)
            {
                int rows = shape.Rows, columns = shape.Columns;
                var u = new double[rows, columns];
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < columns; j++)
                    {
                        int index = offset + i * columns + j;
                        double buffer = 0;
                        for (int s = 1; s <= t; s++) buffer += (1 - mu) * Math.Pow(mu, t - s) * grads[s - 1][index];
                        u[i, j] = nesterov ? (1 - mu) * grads[t - 1][index] + mu * buffer : buffer;
                    }
                bool tall = rows > columns;
                double[,] x = tall ? Transpose(u) : u;
                double norm = 0;
                foreach (double v in x) norm += v * v;
                norm = Math.Max(Math.Sqrt(norm), 1e-7);
                x = Scale(1 / norm, x);
                for (int k = 0; k < 5; k++)
                {
                    double[,] g = Product(x, Transpose(x));
                    double[,] h = Add(Scale(B, g), Scale(C, Product(g, g)));
                    x = Add(Scale(A, x), Product(h, x));
                }
                double[,] o = tall ? Transpose(x) : x;
                double adjusted = how == MuonLearningRateAdjustment.Original
                    ? lr * Math.Sqrt(Math.Max(1, (double)rows / columns))
                    : lr * 0.2 * Math.Sqrt(Math.Max(rows, columns));
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < columns; j++)
                    {
                        int index = offset + i * columns + j;
                        theta[index] = theta[index] - lr * lambda * theta[index] - adjusted * o[i, j];
                    }
                offset += shape.Count;
            }
            result.Add((double[])theta.Clone());
        }
        return [.. result];
    }

    private static double[,] Transpose(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) t[j, i] = m[i, j];
        return t;
    }

    private static double[,] Product(double[,] p, double[,] q)
    {
        var r = new double[p.GetLength(0), q.GetLength(1)];
        for (int i = 0; i < p.GetLength(0); i++)
            for (int j = 0; j < q.GetLength(1); j++)
                for (int k = 0; k < p.GetLength(1); k++) r[i, j] += p[i, k] * q[k, j];
        return r;
    }

    private static double[,] Scale(double s, double[,] m)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) r[i, j] = s * m[i, j];
        return r;
    }

    private static double[,] Add(double[,] p, double[,] q)
    {
        var r = new double[p.GetLength(0), p.GetLength(1)];
        for (int i = 0; i < p.GetLength(0); i++)
            for (int j = 0; j < p.GetLength(1); j++) r[i, j] = p[i, j] + q[i, j];
        return r;
    }

    // ───────────────────────────── (c) singular values ─────────────────────────────

    [Fact]
    public void Singular_values_after_orthogonalizing_are_the_scalar_map_of_the_normalized_ones()
    {
        // The band, derived without any matrix: p⁵ over a fine grid of s (the normalized singular values
        // σ/‖X‖_F lie in (0, 1]). For s ≥ 0.01 it is [0.6818, 1.1344]; near 0, p⁵(s) ≈ a⁵s ≈ 487s.
        (double Low, double High) Band(double from)
        {
            double low = double.MaxValue, high = double.MinValue;
            for (int i = 0; i <= 200_000; i++)
            {
                double v = Map(from + (1 - from) * i / 200_000.0);
                (low, high) = (Math.Min(low, v), Math.Max(high, v));
            }
            return (low, high);
        }
        var notTiny = Band(0.01);
        output.WriteLine($"derived: p⁵([0.01, 1]) = [{notTiny.Low:F6}, {notTiny.High:F6}]");
        Assert.InRange(notTiny.Low, 0.68, 0.69);
        Assert.InRange(notTiny.High, 1.13, 1.14);

        var random = new Random(7);
        double measuredLow = double.MaxValue, measuredHigh = double.MinValue, worst = 0;
        double notTinyLow = double.MaxValue, notTinyHigh = double.MinValue;
        foreach (var (rows, columns) in new[] { (8, 8), (12, 5), (5, 12), (20, 7), (3, 30), (16, 16) })
            foreach (double condition in new[] { 1.0, 10, 100, 1000 })
            {
                double[] x = WithConditionNumber(rows, columns, condition, random);
                double[] sigma = Linear.SingularValues(x, rows, columns);
                double norm = Math.Sqrt(sigma.Sum(s => s * s));
                double[] normalized = sigma.Select(s => s / norm).ToArray();
                double[] expected = normalized.Select(s => Map(s)).OrderDescending().ToArray();
                double[] actual = Linear.SingularValues(Muon.Orthogonalize(x, rows, columns), rows, columns);

                // Each output σ is p⁵ of an input σ/‖X‖_F (p⁵ is not monotone: compare as sorted lists).
                for (int i = 0; i < actual.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-9,
                        $"{rows}×{columns}, κ = {condition}: σ[{i}] = {actual[i]:R}, p⁵ gives {expected[i]:R}");
                }
                // ... and so inside the band p⁵ gives on [smallest normalized σ, 1].
                var band = Band(normalized.Min());
                Assert.All(actual, s => Assert.InRange(s, band.Low - 1e-9, band.High + 1e-9));
                measuredLow = Math.Min(measuredLow, actual.Min());
                measuredHigh = Math.Max(measuredHigh, actual.Max());
                if (normalized.Min() >= 0.01)
                {
                    Assert.All(actual, s => Assert.InRange(s, notTiny.Low - 1e-9, notTiny.High + 1e-9));
                    notTinyLow = Math.Min(notTinyLow, actual.Min());
                    notTinyHigh = Math.Max(notTinyHigh, actual.Max());
                }
            }
        output.WriteLine($"measured: σ(O) in [{measuredLow:F6}, {measuredHigh:F6}] over all matrices, in " +
            $"[{notTinyLow:F6}, {notTinyHigh:F6}] over those whose σ/‖X‖_F are all ≥ 0.01; " +
            $"largest |σ(O) − p⁵(σ/‖X‖_F)| = {worst:G3}");
    }

    /// <summary>A random row-major matrix Q₁ diag(σ) Q₂ᵀ with σ log-spaced from 1 down to 1/κ.</summary>
    private static double[] WithConditionNumber(int rows, int columns, double condition, Random random)
    {
        int r = Math.Min(rows, columns);
        var q1 = Matrix<double>.Build.Dense(rows, rows, (_, _) => Gaussian(random)).QR().Q;
        var q2 = Matrix<double>.Build.Dense(columns, columns, (_, _) => Gaussian(random)).QR().Q;
        var s = Matrix<double>.Build.Dense(rows, columns);
        for (int i = 0; i < r; i++) s[i, i] = r == 1 ? 1 : Math.Pow(condition, -(double)i / (r - 1));
        var x = q1 * s * q2.Transpose();
        return [.. Enumerable.Range(0, rows * columns).Select(k => x[k / columns, k % columns])];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // ───────────────────────────── (d) shapes ─────────────────────────────

    [Fact]
    public void A_tall_matrix_is_orthogonalized_as_its_transpose()
    {
        // torch transposes a tall U so that the Gram matrix XXᵀ is the small one: NS(U) = NS(Uᵀ)ᵀ exactly.
        var random = new Random(3);
        foreach (var (rows, columns) in new[] { (5, 3), (7, 2), (9, 1) })
        {
            double[] u = Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] ut = new double[u.Length];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) ut[j * rows + i] = u[i * columns + j];
            double[] o = Muon.Orthogonalize(u, rows, columns);
            double[] ot = Muon.Orthogonalize(ut, columns, rows);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    Assert.Equal(ot[j * rows + i], o[i * columns + j]);
        }
        // A 3×1 column by hand: (3, 0, 4)/5 has σ = 1, so O = p⁵(1)(0.6, 0, 0.8) = (0.41786184568, 0, 0.55714912758).
        Close.All([0.41786184568, 0, 0.55714912758], Muon.Orthogonalize([3, 0, 4], 3, 1), "O of a column", 1e-10);
    }

    [Fact]
    public void Learning_rate_adjustments_by_hand()
    {
        const double lr = 0.1;
        var original = MuonLearningRateAdjustment.Original;
        var match = MuonLearningRateAdjustment.MatchRmsAdamW;
        // Original: γ√max(1, m/n).
        Close.Assert(lr * Math.Sqrt(3), Muon.AdjustedLearningRate(lr, new(3, 1), original), "3×1: √3γ");
        Close.Assert(lr, Muon.AdjustedLearningRate(lr, new(1, 3), original), "1×3: √max(1, 1/3) = 1");
        Close.Assert(0.2, Muon.AdjustedLearningRate(lr, new(8, 2), original), "8×2: √4 = 2");
        Close.Assert(lr, Muon.AdjustedLearningRate(lr, new(100, 100), original), "100×100: 1");
        // MatchRmsAdamW: 0.2γ√max(m, n).
        Close.Assert(0.2, Muon.AdjustedLearningRate(lr, new(100, 100), match), "100×100: 0.2·10 = 2");
        Close.Assert(0.2 * lr * Math.Sqrt(3), Muon.AdjustedLearningRate(lr, new(1, 3), match), "1×3: 0.2√3");
        Close.Assert(0.2 * lr * Math.Sqrt(3), Muon.AdjustedLearningRate(lr, new(3, 1), match), "3×1: 0.2√3");
        Close.Assert(0.04, Muon.AdjustedLearningRate(lr, new(4, 1), match), "4×1: 0.2·2·0.1");

        // A 3×1 step, μ = 0, λ = 0: U = g = (3, 0, 4), O = p⁵(1)(0.6, 0, 0.8), γ' = 0.1√3:
        // θ = (1, 1, 1) − 0.1√3·p⁵(1)(0.6, 0, 0.8) = (0.92762421, 1, 0.90349894).
        var muon = new Muon(lr, weightDecay: 0, momentum: 0, nesterov: false);
        double[] theta = [1, 1, 1];
        muon.Step(theta, [3, 0, 4], [new MatrixShape(3, 1)]);
        Close.All([1 - lr * Math.Sqrt(3) * 0.6 * Map(1), 1, 1 - lr * Math.Sqrt(3) * 0.8 * Map(1)], theta, "θ₁");
        Close.All([0.92762421, 1, 0.90349894], theta, "θ₁ (hand decimals)", 1e-8);
    }

    // ───────────────────────────── (e) validation ─────────────────────────────

    [Fact]
    public void Bad_settings_are_refused_with_the_parameter_the_value_and_the_range()
    {
        static void Refused(Action act, string parameter, params string[] fragments)
        {
            var e = Assert.ThrowsAny<ArgumentException>(act);
            Assert.Equal(parameter, e.ParamName);
            foreach (string f in fragments) Assert.Contains(f, e.Message);
        }
        Refused(() => new Muon(-1), "learningRate", "learningRate = -1", "valid range is [0, ∞)");
        Refused(() => new Muon(double.PositiveInfinity), "learningRate", "∞", "valid");
        Refused(() => new Muon(weightDecay: -0.1), "weightDecay", "weightDecay = -0.1", "[0, ∞)");
        Refused(() => new Muon(momentum: -0.5), "momentum", "momentum = -0.5", "[0, ∞)");
        Refused(() => new Muon(momentum: double.NaN), "momentum", "NaN", "valid");
        Refused(() => new Muon(newtonSchulzCoefficients: (double.NaN, 0, 0)), "newtonSchulzCoefficients.A", "NaN",
            "finite");
        Refused(() => new Muon(newtonSchulzCoefficients: (1, 0, double.NegativeInfinity)), "newtonSchulzCoefficients.C",
            "-Infinity", "finite");
        Refused(() => new Muon(epsilon: -1e-7), "epsilon", "epsilon = -1E-07", "[0, ∞)");
        Refused(() => new Muon(newtonSchulzSteps: 100), "newtonSchulzSteps", "newtonSchulzSteps = 100", "[0, 99]");
        Refused(() => new Muon(newtonSchulzSteps: -1), "newtonSchulzSteps", "-1", "[0, 99]");
        Refused(() => new Muon(adjustLearningRate: (MuonLearningRateAdjustment)7), "adjustLearningRate", "= 7",
            "Original and MatchRmsAdamW");
        Refused(() => new Muon(matrices: []), "matrices", "empty", "valid");
        Refused(() => new Muon(matrices: [new(2, 2), default]), "matrices[1]", "0×0", "Rows ≥ 1");
        Refused(() => new MatrixShape(0, 3), "Rows", "Rows = 0", "[1, ∞)");
        Refused(() => new MatrixShape(3, -2), "Columns", "Columns = -2", "[1, ∞)");
        Refused(() => new MatrixShape(int.MaxValue, 2), "Rows", "2147483647 × 2", "valid range");
        Refused(() => _ = new MatrixShape(2, 3) with { Columns = 0 }, "Columns", "Columns = 0", "[1, ∞)");

        Refused(() => Muon.Orthogonalize([1, 2, 3], 2, 2), "matrix", "matrix.Length = 3", "2 × 2 = 4");
        Refused(() => Muon.Orthogonalize([1, 2], 0, 2), "rows", "rows = 0", "[1, ∞)");
        Refused(() => Muon.Orthogonalize([1, 2], 1, 2, steps: 100), "steps", "[0, 99]");
        Refused(() => Muon.Orthogonalize([1, double.NaN], 1, 2), "matrix", "matrix[1] = NaN", "finite");
        Refused(() => Muon.Orthogonalize([1, 2], 1, 2, epsilon: double.NaN), "epsilon", "NaN", "valid");
        Refused(() => Muon.Orthogonalize([1, 2], 1, 2, coefficients: (1, double.NaN, 0)), "coefficients.B", "NaN");
        // Coefficients that blow up: s = 1 → 11 → 1.6e5 → 1e26 → 1e130 → ∞ under s ← 10s + s⁵.
        Refused(() => Muon.Orthogonalize([1, 2], 1, 2, coefficients: (10, 0, 1)), "coefficients", "(10, 0, 1)",
            "overflowed", "valid coefficients");
        Refused(() => Muon.AdjustedLearningRate(-1, new(2, 2), MuonLearningRateAdjustment.Original), "learningRate",
            "-1", "valid");
        Refused(() => Muon.AdjustedLearningRate(0.1, default, MuonLearningRateAdjustment.Original), "shape", "0×0");
        Refused(() => Muon.AdjustedLearningRate(0.1, new(2, 2), (MuonLearningRateAdjustment)(-1)), "how", "-1",
            "valid values");

        var muon = new Muon();
        Assert.Equal((1e-3, 0.1, 0.95, true, (A, B, C), 1e-7, 5, MuonLearningRateAdjustment.Original),
            (muon.LearningRate, muon.WeightDecay, muon.MomentumCoefficient, muon.Nesterov,
                muon.NewtonSchulzCoefficients, muon.Epsilon, muon.NewtonSchulzSteps, muon.AdjustLearningRate));
        Assert.Null(muon.Matrices);
        Assert.Equal("Muon", muon.Name);
        Assert.Equal("3×4", new MatrixShape(3, 4).ToString());
        Assert.Equal(12, new MatrixShape(3, 4).Count);
    }

    [Fact]
    public void A_diverging_iteration_inside_Step_is_refused_before_anything_changes()
    {
        var muon = new Muon(0.1, newtonSchulzCoefficients: (10, 0, 1));
        double[] theta = [1, 2, 3, 4];
        var e = Assert.Throws<InvalidOperationException>(() => muon.Step(theta, [1, 0, 0, 1], [new MatrixShape(2, 2)]));
        Assert.Contains("newtonSchulzCoefficients = (10, 0, 1)", e.Message);
        Assert.Contains("Nothing was changed", e.Message);
        Assert.Equal([1.0, 2, 3, 4], theta);
        Assert.Equal(0, muon.StepCount);
        Assert.Empty(muon.MomentumBuffer);
        // The same coefficients with 3 steps stay finite (1 → 11 → 161161 → 1.1e26): the step goes through.
        var fewer = new Muon(0.1, newtonSchulzCoefficients: (10, 0, 1), newtonSchulzSteps: 3);
        fewer.Step(theta, [1, 0, 0, 1], [new MatrixShape(2, 2)]);
        Assert.All(theta, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void A_zero_update_with_epsilon_zero_gives_zero_not_NaN()
    {
        // torch would divide 0 by max(0, 0) = 0; here O = 0, what any ε > 0 gives, so only the decay acts.
        var muon = new Muon(0.1, weightDecay: 0.5, epsilon: 0);
        double[] theta = [1, -2];
        muon.Step(theta, [0, 0]);
        Close.All([0.95, -1.9], theta, "θ₁ = θ(1 − 0.05)");
        Assert.Equal([0.0, 0.0], Muon.Orthogonalize([0, 0], 1, 2, epsilon: 0));
    }

    // ───────────────────────────── (f) allocation ─────────────────────────────

    private static long BytesPerStep(Action step)
    {
        for (int t = 0; t < 2000; t++) step(); // past tiered compilation's one-off allocations
        long best = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 0; t < 100; t++) step();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return best / 100;
    }

    [Fact]
    public void A_step_allocates_nothing_after_the_first()
    {
        MatrixShape[] shapes = [new(4, 6), new(6, 3), new(1, 5), new(40, 33)];
        int n = shapes.Sum(s => s.Count);
        double[] theta = new double[n];
        double[] g = Enumerable.Range(0, n).Select(i => Math.Sin(i) + 0.1).ToArray();
        foreach (int k in new[] { 0, 5 })
        {
            var muon = new Muon(1e-3, newtonSchulzSteps: k);
            Assert.Equal(0, BytesPerStep(() => muon.Step(theta, g, shapes)));
            var row = new Muon(1e-3, newtonSchulzSteps: k);
            double[] pair = [1, 2], pairGradient = [0.5, -0.5];
            Assert.Equal(0, BytesPerStep(() => row.Step(pair, pairGradient)));
        }
    }

    // ───────────────────────────── (g) matrices that do not fit ─────────────────────────────

    [Fact]
    public void Matrices_that_do_not_sum_to_the_length_are_refused_before_anything_changes()
    {
        var muon = new Muon(0.1);
        double[] theta = [1, 2, 3, 4, 5, 6];
        muon.Step(theta, [1, 1, 1, 1, 1, 1], [new MatrixShape(2, 3)]);
        double[] after = [.. theta];
        double[] buffer = [.. muon.MomentumBuffer];

        var e = Assert.Throws<ArgumentException>(() => muon.Step(theta, [1, 1, 1, 1, 1, 1], [new(2, 2), new(1, 3)]));
        Assert.Equal("matrices", e.ParamName);
        Assert.Contains("sum to 7 (2×2 + 1×3) but parameters.Length = 6", e.Message);
        Assert.Contains("valid", e.Message);
        e = Assert.Throws<ArgumentException>(() => muon.Step(theta, [1, 1, 1, 1, 1, 1], [new(2, 3), default]));
        Assert.Equal("matrices[1]", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => muon.Step(theta, [1, 1, 1, 1, 1, 1], []));
        Assert.Equal("matrices", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => muon.Step(theta, [1, 1, 1, 1, 1, 1], null!));
        // The base checks still come first: a gradient of the wrong length is named as such.
        e = Assert.Throws<ArgumentException>(() => muon.Step(theta, [1, 1], [new MatrixShape(2, 3)]));
        Assert.Equal("gradient", e.ParamName);
        Assert.Equal(after, theta);
        Assert.Equal(buffer, muon.MomentumBuffer);
        Assert.Equal(1, muon.StepCount);

        // The constructor's matrices, through IOptimizer.Step.
        var fixedShapes = new Muon(0.1, matrices: [new MatrixShape(2, 2)]);
        e = Assert.Throws<ArgumentException>(() => fixedShapes.Step(theta, [1, 1, 1, 1, 1, 1]));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("parameters.Length = 6", e.Message);
        Assert.Contains("2×2: 4 values", e.Message);
        Assert.Equal(after, theta);
        Assert.Equal(0, fixedShapes.StepCount);
        Assert.Equal([new MatrixShape(2, 2)], fixedShapes.Matrices!);
    }

    [Fact]
    public void The_constructors_matrices_and_the_steps_matrices_give_the_same_steps()
    {
        MatrixShape[] shapes = [new(2, 3), new(3, 1)];
        var given = new Muon(0.05, matrices: shapes);
        var passed = new Muon(0.05);
        double[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9], b = [.. a];
        for (int t = 0; t < 5; t++)
        {
            double[] g = Enumerable.Range(0, 9).Select(i => Math.Cos(t * 9 + i)).ToArray();
            given.Step(a, g);
            passed.Step(b, g, shapes);
        }
        Assert.Equal(a, b);
        Assert.NotEqual([1.0, 2, 3, 4, 5, 6, 7, 8, 9], a);
    }

    // ───────────────────────────── (h) IHasMomentum ─────────────────────────────

    [Fact]
    public void The_momentum_setter_is_validated_and_used_by_the_next_step()
    {
        var muon = new Muon(0.1, weightDecay: 0, momentum: 0.9, nesterov: false);
        IHasMomentum cycled = muon;
        foreach (double bad in new[] { double.NaN, -0.1, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => cycled.MomentumCoefficient = bad);
            Assert.Equal("momentum", e.ParamName);
            Assert.Contains("valid range", e.Message);
        }
        Assert.Equal(0.9, muon.MomentumCoefficient);
        double[] theta = [0, 0];
        muon.Step(theta, [1, 0]);          // B = 0.1·(1, 0)
        cycled.MomentumCoefficient = 0.5;
        muon.Step(theta, [0, 1]);          // B = 0.5·(0.1, 0) + 0.5·(0, 1) = (0.05, 0.5)
        Close.All([0.05, 0.5], muon.MomentumBuffer, "B after μ = 0.5");
    }

    [Fact]
    public void Muon_has_a_colour_of_its_own_in_every_chart()
    {
        Assert.True(Palette.Knows(new Muon().Name));
        Assert.DoesNotContain(Palette.Hex("Muon"), Palette.Optimizers.Where(n => n != "Muon").Select(n => Palette.Hex(n)));
        // A series named after a Muon run (or the lead's "Muon + AdamW" groups) takes that colour.
        Assert.Equal([Plot.ColorOf("Muon")], Plot.HexColorsFor([Series.OverSteps("Muon + AdamW", [1.0, 2.0])]));
    }
}
