using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Descent.Numerics;
using Descent.Optimizers;

namespace Descent.Training;

/// <summary>
/// A multi-layer perceptron with ReLU hidden layers: softmax cross-entropy for classification, mean
/// squared error for regression. All weights and biases live in one flat buffer <see cref="Parameters"/>
/// so one optimizer step updates everything. Backpropagation is written out plainly, layer by layer.
/// Layout per layer l (sizes nᵢₙ → nₒᵤₜ): W (nₒᵤₜ × nᵢₙ, row-major), then b (nₒᵤₜ).
/// </summary>
public sealed class Mlp
{
    private readonly int[] sizes;
    private readonly int[] offsets;           // start of layer l's W in Parameters
    private double[][] activations = [];      // per layer, batch × size (after ReLU; the input for l = 0)
    private double[][] deltas = [];
    private int capacity;
    private readonly Gemm gemm = new();       // its packing buffers are reused by every product of every step

    /// <summary>Sizes from input to output, e.g. [2, 100, 100, 3]; He-initialised with a seed.</summary>
    public Mlp(IReadOnlyList<int> layerSizes, int seed = 0, bool regression = false)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
            throw new ArgumentException(
                $"layerSizes = [{string.Join(", ", layerSizes)}] has {layerSizes.Count} entries: the valid length is " +
                "at least 2 (input and output).", nameof(layerSizes));
        sizes = layerSizes.ToArray();
        for (int l = 0; l < sizes.Length; l++) Require.Between(sizes[l], 1, MaxParameters, $"layerSizes[{l}]");
        long count = 0;
        for (int l = 0; l < sizes.Length - 1; l++) count += (long)sizes[l + 1] * sizes[l] + sizes[l + 1];
        if (count > MaxParameters)
            throw new ArgumentException(
                $"layerSizes = [{string.Join(", ", sizes)}] makes {count:N0} parameters: the valid range is " +
                $"[1, {MaxParameters:N0}] (a bigger network would not train in a notebook cell).", nameof(layerSizes));
        if (regression && sizes[^1] != 1)
            throw new ArgumentException(
                $"layerSizes ends with {sizes[^1]} outputs, but regression (mean squared error) has one target: " +
                "the valid output size is 1.", nameof(layerSizes));
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
            for (int k = 0; k < sizes[l + 1] * sizes[l]; k++)
                Parameters[offsets[l] + k] = std * Samples.StandardNormal(random);
        }
    }

    /// <summary>The most weights and biases one network may have (10⁷, 80 MB of doubles).</summary>
    public const int MaxParameters = 10_000_000;

    /// <summary>Layer sizes, input first.</summary>
    public IReadOnlyList<int> Sizes => sizes;

    /// <summary>True: mean squared error on one output; false: softmax cross-entropy.</summary>
    public bool Regression { get; }

    /// <summary>Every weight and bias, in one buffer.</summary>
    public double[] Parameters { get; }

    /// <summary>
    /// Every weight matrix and bias in <see cref="Parameters"/>, in order: "layer 1 weight" (n₁ × n₀),
    /// "layer 1 bias" (n₁), "layer 2 weight", … (for parameter groups, e.g. Muon on matrices only).
    /// </summary>
    public IReadOnlyList<ParameterBlock> Blocks => Array.AsReadOnly(blocks ??= MakeBlocks());

    /// <summary>
    /// The weight matrices between two hidden layers (not the first layer's, which reads the input, nor the
    /// last one's, which makes the outputs): for [2, 100, 100, 100, 100, 3] the three 100 × 100 matrices.
    /// <c>torch.optim.Muon</c> is meant for these; the rest go to AdamW.
    /// </summary>
    public IReadOnlyList<ParameterBlock> HiddenWeights =>
        Blocks.Where((b, k) => b.IsMatrix && k > 0 && k < Blocks.Count - 2).ToArray();

    private ParameterBlock[]? blocks;

    private ParameterBlock[] MakeBlocks()
    {
        var list = new List<ParameterBlock>();
        for (int l = 0; l < offsets.Length; l++)
        {
            list.Add(ParameterBlock.Matrix($"layer {l + 1} weight", offsets[l], sizes[l + 1], sizes[l]));
            list.Add(ParameterBlock.Vector($"layer {l + 1} bias", offsets[l] + sizes[l + 1] * sizes[l], sizes[l + 1]));
        }
        return list.ToArray();
    }

    /// <summary>Where parameter i lives, e.g. "layer 2 weight [3, 17]" (for divergence reports).</summary>
    public string Describe(int index)
    {
        Require.Index(index, Parameters.Length);
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
        if (gradient.Length != Parameters.Length)
            throw new ArgumentException(
                $"gradient.Length = {gradient.Length} is not valid: the network has {Parameters.Length} parameters, " +
                "the valid length.", nameof(gradient));
        double loss = Forward(data, rows);
        Backward(data, rows, gradient);
        return loss;
    }

    /// <summary>Mean loss over the given rows (no gradient).</summary>
    public double Loss(Dataset data, ReadOnlySpan<int> rows) => Forward(data, rows);

    /// <summary>Fraction of rows whose arg-max output is the label (classification only).</summary>
    public double Accuracy(Dataset data)
    {
        RequireFits(data, nameof(data));
        if (!data.IsClassification)
            throw new ArgumentException($"data = {data.Name} is a regression dataset: accuracy needs labels, valid " +
                "only for classification.", nameof(data));
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

    /// <summary>
    /// The network can read <paramref name="data"/>: as many inputs as features, and the loss its task
    /// needs (classification: one output per class and labels; regression: targets).
    /// </summary>
    internal void RequireFits(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Features != sizes[0])
            throw new ArgumentException(
                $"{name} has {data.Features} features but the network's input size is {sizes[0]}: the valid input " +
                $"size is {data.Features} (layerSizes[0]).", name);
        if (Regression && !data.IsClassification) return;
        if (Regression)
            throw new ArgumentException(
                $"{name} = {data.Name} is a classification dataset, but this network does regression (mean squared " +
                "error on targets): valid data has targets, or make the network with regression: false.", name);
        if (!data.IsClassification)
            throw new ArgumentException(
                $"{name} = {data.Name} is a regression dataset (targets, no labels), but this network classifies " +
                "(softmax cross-entropy): valid data has labels, or make the network with regression: true and one output.",
                name);
        if (data.Classes != sizes[^1])
            throw new ArgumentException(
                $"{name} has {data.Classes} classes but the network has {sizes[^1]} outputs: the valid output size " +
                $"is {data.Classes}, one per class (the last entry of layerSizes).", name);
    }

    /// <summary>Every weight and bias finite before a run starts (a NaN would make every loss NaN).</summary>
    internal void RequireFiniteParameters(string name)
    {
        for (int i = 0; i < Parameters.Length; i++)
            if (!double.IsFinite(Parameters[i]))
                throw new ArgumentException(
                    $"{name}: the network's {Describe(i)} (Parameters[{i}]) = {Require.Show(Parameters[i])}: valid " +
                    "weights are finite; make a fresh network.", name);
    }

    private void Ensure(int batch)
    {
        if (batch <= capacity) return;
        capacity = batch;
        activations = sizes.Select(s => new double[batch * s]).ToArray();
        deltas = sizes.Select(s => new double[batch * s]).ToArray();
    }

    // Forward: a⁰ = x; zˡ = Wˡ aˡ⁻¹ + bˡ; aˡ = ReLU(zˡ) (the last layer keeps z, the logits). With the batch's
    // rows stacked (a: batch × nᵢₙ, row-major), all rows at once: Z = 1 bᵀ + A Wᵀ, one matrix product (Gemm).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    private double Forward(Dataset data, ReadOnlySpan<int> rows)
    {
        RequireFits(data, nameof(data));
        if (rows.Length == 0)
            throw new ArgumentException("rows.Length = 0 is out of range: the valid range is [1, ∞) rows.", nameof(rows));
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] < 0 || rows[i] >= data.Count)
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i],
                    $"rows[{i}] = {rows[i]} is out of range: the valid range is [0, {data.Count - 1}] ({data.Count} rows).");
        int n = rows.Length;
        Ensure(n);
        for (int i = 0; i < n; i++) data.Row(rows[i]).CopyTo(activations[0].AsSpan(i * sizes[0], sizes[0]));
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int inSize = sizes[l], outSize = sizes[l + 1];
            var w = Parameters.AsSpan(offsets[l], outSize * inSize);
            var b = Parameters.AsSpan(offsets[l] + outSize * inSize, outSize);
            var z = activations[l + 1].AsSpan(0, n * outSize);
            for (int i = 0; i < n; i++) b.CopyTo(z.Slice(i * outSize, outSize));                   // z = b, then
            gemm.Multiply(MatrixView.RowMajor(activations[l], n, inSize),                          // z += a Wᵀ
                MatrixView.RowMajor(w, outSize, inSize).T, z, outSize, accumulate: true);
            if (l < sizes.Length - 2) MlpKernels.Relu(z);                                          // ReLU
        }
        return Regression ? MeanSquaredError(data, rows) : CrossEntropy(data, rows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    private double MeanSquaredError(Dataset data, ReadOnlySpan<int> rows)
    {
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double error = activations[^1][i] - data.Targets![rows[i]];
            total += error * error;
            deltas[^1][i] = 2 * error / rows.Length;
        }
        return total / rows.Length;
    }

    // Backward, the batch's rows stacked (δ: batch × nₒᵤₜ, a: batch × nᵢₙ): ∂L/∂Wˡ = (δˡ)ᵀ aˡ⁻¹,
    // ∂L/∂bˡ = Σ rows of δˡ, δˡ⁻¹ = δˡ Wˡ ⊙ [aˡ⁻¹ > 0]. Every segment of the gradient is overwritten.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: optimized at once (a kernel delays tier-up)
    private void Backward(Dataset data, ReadOnlySpan<int> rows, Span<double> gradient)
    {
        int n = rows.Length;
        for (int l = sizes.Length - 2; l >= 0; l--)
        {
            int inSize = sizes[l], outSize = sizes[l + 1];
            var w = Parameters.AsSpan(offsets[l], outSize * inSize);
            var gw = gradient.Slice(offsets[l], outSize * inSize);
            var gb = gradient.Slice(offsets[l] + outSize * inSize, outSize);
            var delta = MatrixView.RowMajor(deltas[l + 1], n, outSize);
            gemm.Multiply(delta.T, MatrixView.RowMajor(activations[l], n, inSize), gw, inSize, accumulate: false); // ∂L/∂W = δᵀ a
            MlpKernels.ColumnSums(deltas[l + 1], n, gb);                                                           // ∂L/∂b = Σ δ
            if (l == 0) continue;
            var prev = deltas[l].AsSpan(0, n * inSize);
            gemm.Multiply(delta, MatrixView.RowMajor(w, outSize, inSize), prev, inSize, accumulate: false);       // δ W
            MlpKernels.ReluMask(prev, activations[l]);   // ReLU: no gradient where the unit was off
        }
    }
}
