// The baseline of the speed benchmarks and of the loss-equality tests: Descent's Mlp as of commit 31f92da
// (`git show 31f92da:lib/Descent/Training/Mlp.cs`), whose forward and backward passes compute every
// product row by row (a dot product per output, a multiply-add per row of the gradient). Verbatim except:
// the type is renamed RowByRowMlp (namespace Descent.Benchmarks.Baseline), and the He initialisation calls
// Samples.StandardNormal, which replaced Descend.Gaussian in commit bbaefe4 and which today's Mlp calls
// too (so both networks start from the same weights; the tests check that they do).
// Compiled into tests/Descent.Benchmarks and, linked, into tests/Descent.Tests.
#pragma warning disable CS1591, IDE0005
using Descent;
using Descent.Numerics;
using Descent.Training;
using System.Numerics.Tensors;

namespace Descent.Benchmarks.Baseline;

/// <summary>
/// A multi-layer perceptron with ReLU hidden layers: softmax cross-entropy for classification, mean
/// squared error for regression. All weights and biases live in one flat buffer <see cref="Parameters"/>
/// so one optimizer step updates everything. Backpropagation is written out plainly, layer by layer.
/// Layout per layer l (sizes nᵢₙ → nₒᵤₜ): W (nₒᵤₜ × nᵢₙ, row-major), then b (nₒᵤₜ).
/// </summary>
public sealed class RowByRowMlp
{
    private readonly int[] sizes;
    private readonly int[] offsets;           // start of layer l's W in Parameters
    private double[][] activations = [];      // per layer, batch × size (after ReLU; the input for l = 0)
    private double[][] deltas = [];
    private int capacity;

    /// <summary>Sizes from input to output, e.g. [2, 100, 100, 3]; He-initialised with a seed.</summary>
    public RowByRowMlp(IReadOnlyList<int> layerSizes, int seed = 0, bool regression = false)
    {
        if (layerSizes.Count < 2) throw new ArgumentException($"layerSizes has {layerSizes.Count} entries: it needs at least 2 (input and output).", nameof(layerSizes));
        sizes = layerSizes.Select(s => Require.AtLeast(s, 1, "layerSizes")).ToArray();
        Regression = regression;
        offsets = new int[sizes.Length - 1];
        int total = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            offsets[l] = total;
            total += sizes[l + 1] * sizes[l] + sizes[l + 1];
        }
        Parameters = new double[total];
        var random = new Random(seed);
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            double std = Math.Sqrt(2.0 / sizes[l]); // He initialisation for ReLU
            for (int k = 0; k < sizes[l + 1] * sizes[l]; k++) Parameters[offsets[l] + k] = std * Samples.StandardNormal(random);
        }
    }

    /// <summary>Layer sizes, input first.</summary>
    public IReadOnlyList<int> Sizes => sizes;

    /// <summary>True: mean squared error on one output; false: softmax cross-entropy.</summary>
    public bool Regression { get; }

    /// <summary>Every weight and bias, in one buffer.</summary>
    public double[] Parameters { get; }

    /// <summary>Where parameter i lives, e.g. "layer 2 weight [3, 17]" (for divergence reports).</summary>
    public string Describe(int index)
    {
        for (int l = offsets.Length - 1; l >= 0; l--)
        {
            if (index < offsets[l]) continue;
            int k = index - offsets[l], weights = sizes[l + 1] * sizes[l];
            return k < weights ? $"layer {l + 1} weight [{k / sizes[l]}, {k % sizes[l]}]" : $"layer {l + 1} bias [{k - weights}]";
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, $"index = {index} is out of range: the valid range is [0, {Parameters.Length}).");
    }

    /// <summary>Mean loss over the given rows, and its gradient into <paramref name="gradient"/> (overwritten).</summary>
    public double LossAndGradient(Dataset data, ReadOnlySpan<int> rows, Span<double> gradient)
    {
        double loss = Forward(data, rows);
        Backward(data, rows, gradient);
        return loss;
    }

    /// <summary>Mean loss over the given rows (no gradient).</summary>
    public double Loss(Dataset data, ReadOnlySpan<int> rows) => Forward(data, rows);

    /// <summary>Fraction of rows whose arg-max output is the label (classification only).</summary>
    public double Accuracy(Dataset data)
    {
        if (!data.IsClassification) throw new InvalidOperationException($"{data.Name} is a regression dataset: accuracy needs labels.");
        int[] all = Enumerable.Range(0, data.Count).ToArray();
        Forward(data, all);
        double[] output = activations[^1];
        int c = sizes[^1], correct = 0;
        for (int i = 0; i < all.Length; i++)
        {
            int best = 0;
            for (int j = 1; j < c; j++) if (output[i * c + j] > output[i * c + best]) best = j;
            if (best == data.Labels![i]) correct++;
        }
        return correct / (double)all.Length;
    }

    private void Ensure(int batch)
    {
        if (batch <= capacity) return;
        capacity = batch;
        activations = sizes.Select(s => new double[batch * s]).ToArray();
        deltas = sizes.Select(s => new double[batch * s]).ToArray();
    }

    // Forward: a⁰ = x; zˡ = Wˡ aˡ⁻¹ + bˡ; aˡ = ReLU(zˡ) (the last layer keeps z, the logits).
    private double Forward(Dataset data, ReadOnlySpan<int> rows)
    {
        if (data.Features != sizes[0]) throw new ArgumentException($"data has {data.Features} features but the network's input size is {sizes[0]}.", nameof(data));
        int n = rows.Length;
        Ensure(n);
        for (int i = 0; i < n; i++) data.Row(rows[i]).CopyTo(activations[0].AsSpan(i * sizes[0], sizes[0]));
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int inSize = sizes[l], outSize = sizes[l + 1];
            var w = Parameters.AsSpan(offsets[l], outSize * inSize);
            var b = Parameters.AsSpan(offsets[l] + outSize * inSize, outSize);
            bool hidden = l < sizes.Length - 2;
            for (int i = 0; i < n; i++)
            {
                var a = activations[l].AsSpan(i * inSize, inSize);
                var z = activations[l + 1].AsSpan(i * outSize, outSize);
                for (int o = 0; o < outSize; o++)
                {
                    double sum = b[o] + TensorPrimitives.Dot(w.Slice(o * inSize, inSize), a);   // (Wa + b)ₒ
                    z[o] = hidden && sum < 0 ? 0 : sum;                                         // ReLU
                }
            }
        }
        return Regression ? MeanSquaredError(data, rows) : CrossEntropy(data, rows);
    }

    private double CrossEntropy(Dataset data, ReadOnlySpan<int> rows)
    {
        int c = sizes[^1];
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var logits = activations[^1].AsSpan(i * c, c);
            var delta = deltas[^1].AsSpan(i * c, c);
            double max = double.NegativeInfinity;
            foreach (double v in logits) max = Math.Max(max, v);
            double sum = 0;
            for (int j = 0; j < c; j++) { delta[j] = Math.Exp(logits[j] - max); sum += delta[j]; }
            int label = data.Labels![rows[i]];
            total += -(logits[label] - max - Math.Log(sum));
            // ∂L/∂z = softmax(z) − onehot(y), averaged over the batch
            for (int j = 0; j < c; j++) delta[j] = (delta[j] / sum - (j == label ? 1 : 0)) / rows.Length;
        }
        return total / rows.Length;
    }

    private double MeanSquaredError(Dataset data, ReadOnlySpan<int> rows)
    {
        if (sizes[^1] != 1) throw new InvalidOperationException("regression needs exactly one output.");
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double error = activations[^1][i] - data.Targets![rows[i]];
            total += error * error;
            deltas[^1][i] = 2 * error / rows.Length;
        }
        return total / rows.Length;
    }

    // Backward: ∂L/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, ∂L/∂bˡ = δˡ, δˡ⁻¹ = (Wˡ)ᵀ δˡ ⊙ [zˡ⁻¹ > 0].
    private void Backward(Dataset data, ReadOnlySpan<int> rows, Span<double> gradient)
    {
        if (gradient.Length != Parameters.Length)
            throw new ArgumentException($"gradient.Length = {gradient.Length} but the network has {Parameters.Length} parameters.", nameof(gradient));
        gradient.Clear();
        int n = rows.Length;
        for (int l = sizes.Length - 2; l >= 0; l--)
        {
            int inSize = sizes[l], outSize = sizes[l + 1];
            var w = Parameters.AsSpan(offsets[l], outSize * inSize);
            var gw = gradient.Slice(offsets[l], outSize * inSize);
            var gb = gradient.Slice(offsets[l] + outSize * inSize, outSize);
            for (int i = 0; i < n; i++)
            {
                var a = activations[l].AsSpan(i * inSize, inSize);
                var d = deltas[l + 1].AsSpan(i * outSize, outSize);
                var prev = l == 0 ? default : deltas[l].AsSpan(i * inSize, inSize);
                if (l > 0) prev.Clear();
                for (int o = 0; o < outSize; o++)
                {
                    double dv = d[o];
                    if (dv == 0) continue;
                    gb[o] += dv;                                                                     // ∂L/∂b += δ
                    var grow = gw.Slice(o * inSize, inSize);
                    TensorPrimitives.MultiplyAdd(a, dv, grow, grow);                                 // ∂L/∂W += δ aᵀ
                    if (l > 0) TensorPrimitives.MultiplyAdd(w.Slice(o * inSize, inSize), dv, prev, prev); // Wᵀδ
                }
                if (l == 0) continue;
                for (int k = 0; k < inSize; k++)
                    if (a[k] <= 0) prev[k] = 0;   // ReLU: no gradient where the unit was off
            }
        }
    }
}
