using System.Globalization;
using Descent.Training;

namespace Descent.Optimizers;

/// <summary>
/// PyTorch's <c>param_groups</c>: the parameters split into groups, each stepped by its own optimizer
/// with its own η and state, e.g. Muon on the hidden weight matrices and AdamW on everything else, as
/// <c>torch.optim.Muon</c>'s documentation advises. Every parameter belongs to exactly one group (to
/// freeze some, give them to an optimizer with learning rate 0).
/// <para>
/// Each step gathers a group's blocks into one buffer, steps the group's optimizer on it (passing the
/// matrix shapes to an <see cref="IMatrixOptimizer"/>) and writes the result back. Schedules drive each
/// group from its own base rate, as PyTorch's schedulers do with each group's <c>initial_lr</c>.
/// </para>
/// </summary>
public sealed class ParameterGroups : IOptimizer
{
    private readonly Group[] groups;

    /// <summary>Groups over a flat buffer of <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter buffer every step gets, at most
    /// <see cref="Mlp.MaxParameters"/>.</param>
    /// <param name="groups">Each group's optimizer and blocks; every parameter in exactly one block.</param>
    public ParameterGroups(int parameterCount,
        params (IOptimizer Optimizer, IReadOnlyList<ParameterBlock> Blocks)[] groups)
    {
        ParameterCount = Require.Between(parameterCount, 1, Mlp.MaxParameters);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0)
            throw new ArgumentException("groups is empty: the valid number of groups is at least 1.", nameof(groups));
        var owner = new int[parameterCount];
        var seen = new HashSet<IOptimizer>(ReferenceEqualityComparer.Instance);
        this.groups = new Group[groups.Length];
        for (int k = 0; k < groups.Length; k++)
        {
            var (optimizer, blocks) = groups[k];
            if (optimizer is null)
                throw new ArgumentException($"groups[{k}].Optimizer is null: every group needs an optimizer.",
                    nameof(groups));
            if (optimizer is ParameterGroups)
                throw new ArgumentException($"groups[{k}].Optimizer is itself a ParameterGroups: groups do not nest; " +
                    "list every group in one ParameterGroups.", nameof(groups));
            if (!seen.Add(optimizer))
                throw new ArgumentException(
                    $"groups[{k}] uses the same {optimizer.Name} object as an earlier group: each group needs its own " +
                    "optimizer (its state belongs to its parameters); make a new one.", nameof(groups));
            if (blocks is null || blocks.Count == 0)
                throw new ArgumentException($"groups[{k}] ({optimizer.Name}) has no blocks: a valid group has at least " +
                    "one.", nameof(groups));
            foreach (var block in blocks)
            {
                if (block is null)
                    throw new ArgumentException($"groups[{k}] ({optimizer.Name}) has a null block.", nameof(groups));
                if ((long)block.Offset + block.Count > parameterCount)
                    throw new ArgumentException(
                        $"groups[{k}]'s block {block} ends at {(long)block.Offset + block.Count}: the valid range is " +
                        $"[0, {parameterCount}] (the buffer holds {parameterCount} parameters).", nameof(groups));
                if (optimizer is IMatrixOptimizer && !block.IsMatrix)
                    throw new ArgumentException(
                        $"groups[{k}] gives {optimizer.Name} the vector {block}: {optimizer.Name} works on weight " +
                        "matrices only (PyTorch: 2-D parameters); give biases and other vectors to another group " +
                        "(e.g. AdamW).", nameof(groups));
                for (int i = block.Offset; i < block.End; i++)
                {
                    if (owner[i] != 0)
                        throw new ArgumentException(
                            $"parameter {i} is in two blocks: {block} of groups[{k}] and a block of groups[{owner[i] - 1}]; " +
                            "every parameter must belong to exactly one group.", nameof(groups));
                    owner[i] = k + 1;
                }
            }
            this.groups[k] = new Group(optimizer, blocks.ToArray());
        }
        int missing = Array.IndexOf(owner, 0);
        if (missing >= 0)
        {
            int end = missing;
            while (end < owner.Length && owner[end] == 0) end++;
            throw new ArgumentException(
                $"parameters {missing}…{end - 1} are in no group: every parameter must belong to exactly one group " +
                "(to freeze some, give them to an optimizer with learningRate: 0).", nameof(groups));
        }
    }

    /// <summary>
    /// The split <c>torch.optim.Muon</c> advises for <paramref name="model"/>: Muon on the hidden weight
    /// matrices (<see cref="Mlp.HiddenWeights"/>: both sides hidden layers), AdamW on the first and last
    /// layers' weights and on every bias.
    /// </summary>
    public static ParameterGroups MuonWithAdamW(Mlp model, IMatrixOptimizer muon, IOptimizer adamW)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(muon);
        ArgumentNullException.ThrowIfNull(adamW);
        var hidden = model.HiddenWeights;
        if (hidden.Count == 0)
            throw new ArgumentException(
                $"model has layers [{string.Join(", ", model.Sizes)}]: no weight matrix connects two hidden layers, " +
                "so Muon would have nothing to do. The valid models have at least two hidden layers, " +
                "e.g. [2, 64, 64, 3].", nameof(model));
        var rest = model.Blocks.Where(b => !hidden.Contains(b)).ToArray();
        return new ParameterGroups(model.Parameters.Length, (muon, hidden), (adamW, rest));
    }

    /// <summary>The length of the parameter buffer.</summary>
    public int ParameterCount { get; }

    /// <summary>The groups, in order: each optimizer and its blocks.</summary>
    public IReadOnlyList<(IOptimizer Optimizer, IReadOnlyList<ParameterBlock> Blocks)> Groups =>
        groups.Select(g => (g.Optimizer, (IReadOnlyList<ParameterBlock>)Array.AsReadOnly(g.Blocks))).ToArray();

    /// <summary>The group optimizers joined, e.g. "Muon + AdamW"; charts pick the colour of the first.</summary>
    public string Name => string.Join(" + ", groups.Select(g => g.Optimizer.Name));

    /// <summary>
    /// The first group's η. Setting it scales every group's η by the same factor, so their ratios stay
    /// (a schedule does not use this: it drives each group from its own base rate).
    /// </summary>
    public double LearningRate
    {
        get => groups[0].Optimizer.LearningRate;
        set
        {
            Require.NonNegative(value, nameof(LearningRate));
            double first = groups[0].Optimizer.LearningRate;
            if (first == 0 && groups.Length > 1 && value != 0)
                throw new InvalidOperationException(
                    $"the first group's η is 0, so LearningRate = {value.ToString(CultureInfo.InvariantCulture)} " +
                    "has no ratio to scale the other groups by: set each group's LearningRate " +
                    "(Groups[k].Optimizer.LearningRate) instead.");
            double factor = first == 0 ? 0 : value / first;
            // Check every new rate before changing any.
            for (int k = 1; k < groups.Length; k++)
            {
                double scaled = groups[k].Optimizer.LearningRate * factor;
                if (!double.IsFinite(scaled))
                    throw new ArgumentOutOfRangeException(nameof(LearningRate), value,
                        $"LearningRate = {Require.Show(value)} is out of range: scaling group {k}'s η by the same factor " +
                        $"({Require.Show(factor)}) gives {Require.Show(scaled)}; the valid values keep every group's η " +
                        "finite.");
            }
            groups[0].Optimizer.LearningRate = value;
            foreach (var g in groups.Skip(1)) g.Optimizer.LearningRate *= factor;
        }
    }

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <summary>Steps every group's optimizer on its blocks.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != ParameterCount || gradient.Length != ParameterCount)
            throw new ArgumentException(
                $"parameters.Length = {parameters.Length} and gradient.Length = {gradient.Length}: the valid length is " +
                $"{ParameterCount}, the parameter count these groups were made for.", nameof(parameters));
        foreach (var group in groups) group.Step(parameters, gradient);
        StepCount++;
    }

    /// <inheritdoc />
    public void Reset()
    {
        StepCount = 0;
        foreach (var group in groups) group.Optimizer.Reset();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(" + ", groups.Select(g => $"{g.Optimizer} on {g.Blocks.Sum(b => b.Count)} parameters"));

    /// <summary>One group: its optimizer, its blocks and the buffers its blocks are gathered into.</summary>
    private sealed class Group(IOptimizer optimizer, ParameterBlock[] blocks)
    {
        private readonly double[] theta = new double[blocks.Sum(b => b.Count)];
        private readonly double[] gradient = new double[blocks.Sum(b => b.Count)];
        private readonly MatrixShape[] shapes = blocks.Select(b => new MatrixShape(b.Rows, b.Columns)).ToArray();

        public IOptimizer Optimizer { get; } = optimizer;

        public ParameterBlock[] Blocks { get; } = blocks;

        public void Step(Span<double> parameters, ReadOnlySpan<double> g)
        {
            int at = 0;
            foreach (var b in Blocks)
            {
                parameters.Slice(b.Offset, b.Count).CopyTo(theta.AsSpan(at));
                g.Slice(b.Offset, b.Count).CopyTo(gradient.AsSpan(at));
                at += b.Count;
            }
            if (Optimizer is IMatrixOptimizer matrices) matrices.Step(theta, gradient, shapes);
            else Optimizer.Step(theta, gradient);
            at = 0;
            foreach (var b in Blocks)
            {
                theta.AsSpan(at, b.Count).CopyTo(parameters.Slice(b.Offset, b.Count));
                at += b.Count;
            }
        }
    }
}
