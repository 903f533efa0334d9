using System.Globalization;

namespace Descent.Optimizers;

/// <summary>
/// Muon (MomentUm Orthogonalized by Newton–Schulz; Keller Jordan, 2024): momentum SGD for weight matrices
/// whose update U is replaced by an approximately orthogonal matrix O with the same singular vectors, so
/// that every direction of the update gets about the same size instead of a few dominant ones taking it
/// all. Follows <c>torch.optim.Muon</c> (<c>_single_tensor_muon</c>):
/// <code>
/// input: γ (lr), λ (weight decay), μ (momentum), nesterov, (a, b, c) (Newton–Schulz coefficients),
///        ε, k (Newton–Schulz steps), θ₀ (m×n matrices), f
/// B₀ ← 0                                          (one momentum buffer per matrix)
/// for t = 1, 2, ...
///     for each matrix θ (m×n) with its gradient g and buffer B:
///         B ← μB + (1 − μ)g
///         U ← (1 − μ)g + μB   if nesterov,   else   U ← B
///         O ← NS(U)
///         γ' ← γ√max(1, m/n)  (Original)   or   γ' ← γ·0.2√max(m, n)  (MatchRmsAdamW)
///         θ ← θ(1 − γλ)                           (decoupled weight decay, with the unadjusted γ)
///         θ ← θ − γ'O
/// NS(U):  X ← U, or Uᵀ if m &gt; n                  (X is short and wide: XXᵀ is the small Gram matrix)
///         X ← X / max(‖X‖_F, ε)                   (every singular value now in [0, 1])
///         k times:  G ← XXᵀ;  H ← bG + cG·G;  X ← aX + H·X
///         O ← X, or Xᵀ if m &gt; n
/// </code>
/// Why it works: on each singular value s of the normalized X the iteration is the scalar map
/// p(s) = as + bs³ + cs⁵ (the singular vectors stay), and the default (3.4445, −4.775, 2.0315) is chosen for
/// a steep slope at 0 (p⁵(s) ≈ 487s near 0), so five steps carry every s ≥ 0.01 into [0.682, 1.135] rather
/// than exactly to 1: O ≈ PQᵀ, the orthogonal factor of U = PSQᵀ. PyTorch's box writes B ← μB + g and
/// U ← g + μB; it computes <c>buf.lerp_(grad, 1 − μ)</c> and <c>grad.lerp(buf, μ)</c>, the lines above,
/// which are (1 − μ) times those (the normalization removes the scale).
/// <para>
/// Where this differs from PyTorch: the iteration runs in float64 (PyTorch runs it in bfloat16, whose 8-bit
/// mantissa keeps 2–3 decimal digits); the two lerps are written as the sums above (equal up to
/// rounding); U = 0 with ε = 0 gives O = 0 (the value every ε &gt; 0 gives) where PyTorch divides 0 by 0;
/// an iteration that overflows from a finite U (only custom coefficients can do that) is refused with an
/// <see cref="InvalidOperationException"/> before anything changes; <c>use_addmm</c> (the same products,
/// fused) is not offered. PyTorch 1.13 has no Muon: the tests pin it with hand-worked steps, a naive
/// transcription and the singular values of <see cref="Orthogonalize"/>.
/// </para>
/// <para>
/// Muon is meant for the hidden layers' weight matrices; biases and the first and last layers go to AdamW
/// (PyTorch's advice). Through <see cref="IOptimizer.Step"/> without the constructor's
/// <c>matrices</c>, θ is one 1×n row, whose only normalized singular value is 1: Muon is then normalized
/// (Nesterov) momentum, θ ← θ(1 − γλ) − γ·p⁵(1)·U/‖U‖ with p⁵(1) ≈ 0.696, usable on a 2-D landscape.
/// </para>
/// <para>
/// Allocation: the momentum buffer, O and each shape's Newton–Schulz workspaces (with the packing buffers of
/// the library's matrix kernel, which does the products) are made on the first step and reused: a later step
/// allocates nothing.
/// </para>
/// </summary>
public sealed class Muon : OptimizerBase, IMatrixOptimizer, IHasMomentum
{
    /// <summary>Keller Jordan's coefficients, PyTorch's default.</summary>
    private static readonly (double A, double B, double C) DefaultCoefficients = (3.4445, -4.775, 2.0315);

    private double[]? momentum;       // B, all matrices' buffers one after the other (PyTorch's momentum_buffer)
    private double[]? nextMomentum;   // B of the step being taken, computed by Prepare, swapped in by Update
    private double[]? update;         // O of the step being taken, computed by Prepare
    private readonly Dictionary<(int, int), NewtonSchulz> workspaces = [];
    private readonly MatrixShape[] row = new MatrixShape[1];   // θ as one 1×n row
    private IReadOnlyList<MatrixShape>? stepMatrices;           // given to Step(θ, g, matrices), for that call
    private IReadOnlyList<MatrixShape> preparedMatrices = [];   // the shapes Prepare used, for Update
    private readonly int matricesCount;                         // the constructor's shapes' counts, summed
    private double momentumCoefficient;

    /// <summary>Creates Muon; the defaults are PyTorch's.</summary>
    /// <param name="learningRate">γ, finite and ≥ 0.</param>
    /// <param name="weightDecay">λ ≥ 0, decoupled: θ ← θ(1 − γλ) with the unadjusted γ.</param>
    /// <param name="momentum">μ ≥ 0 and finite (PyTorch's range; 0.95 is the usual value).</param>
    /// <param name="nesterov">Orthogonalize (1 − μ)g + μB instead of B.</param>
    /// <param name="newtonSchulzCoefficients">(a, b, c), finite; null: (3.4445, −4.775, 2.0315).</param>
    /// <param name="epsilon">ε ≥ 0, finite: the smallest norm U is divided by.</param>
    /// <param name="newtonSchulzSteps">k in [0, 99] (PyTorch: "must be less than 100").</param>
    /// <param name="adjustLearningRate">How γ is scaled for each matrix's shape.</param>
    /// <param name="matrices">
    /// The shapes θ is made of (row-major, in order) for <see cref="IOptimizer.Step"/>; null: θ is one
    /// 1×n row. <see cref="Step(Span{double}, ReadOnlySpan{double}, IReadOnlyList{MatrixShape})"/> gives
    /// its own shapes.
    /// </param>
    public Muon(double learningRate = 1e-3, double weightDecay = 0.1, double momentum = 0.95, bool nesterov = true,
        (double A, double B, double C)? newtonSchulzCoefficients = null, double epsilon = 1e-7,
        int newtonSchulzSteps = 5, MuonLearningRateAdjustment adjustLearningRate = MuonLearningRateAdjustment.Original,
        IReadOnlyList<MatrixShape>? matrices = null)
        : base(learningRate)
    {
        WeightDecay = Require.NonNegative(weightDecay);
        MomentumCoefficient = momentum;
        Nesterov = nesterov;
        NewtonSchulzCoefficients = CheckedCoefficients(newtonSchulzCoefficients, nameof(newtonSchulzCoefficients));
        Epsilon = Require.NonNegative(epsilon);
        NewtonSchulzSteps = Require.Between(newtonSchulzSteps, 0, 99);
        AdjustLearningRate = CheckedAdjustment(adjustLearningRate, nameof(adjustLearningRate));
        Matrices = matrices is null ? null : CheckedShapes(matrices, nameof(matrices));
        matricesCount = Matrices is null ? 0 : Matrices.Sum(s => s.Count);
    }

    /// <inheritdoc />
    public override string Name => "Muon";

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>μ, finite and ≥ 0; a schedule may cycle it (validated on set).</summary>
    public double MomentumCoefficient
    {
        get => momentumCoefficient;
        set => momentumCoefficient = Require.NonNegative(value, "momentum");
    }

    /// <summary>Whether the orthogonalized matrix is (1 − μ)g + μB (true) or B.</summary>
    public bool Nesterov { get; }

    /// <summary>(a, b, c) of the Newton–Schulz map s ← as + bs³ + cs⁵.</summary>
    public (double A, double B, double C) NewtonSchulzCoefficients { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>k, the number of Newton–Schulz steps.</summary>
    public int NewtonSchulzSteps { get; }

    /// <summary>How γ is scaled for each matrix's shape.</summary>
    public MuonLearningRateAdjustment AdjustLearningRate { get; }

    /// <summary>The shapes θ is made of for <see cref="IOptimizer.Step"/>; null: θ is one 1×n row.</summary>
    public IReadOnlyList<MatrixShape>? Matrices { get; }

    /// <summary>B, every matrix's buffer one after the other, row-major (PyTorch's <c>momentum_buffer</c>).</summary>
    public IReadOnlyList<double> MomentumBuffer => View(momentum);

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, IReadOnlyList<MatrixShape> matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        stepMatrices = matrices;
        try
        {
            Step(parameters, gradient);
        }
        finally
        {
            stepMatrices = null;
        }
    }

    /// <summary>
    /// NS(U): the Newton–Schulz orthogonalization of the row-major <paramref name="rows"/>×<paramref name="columns"/>
    /// <paramref name="matrix"/> (see the class's box), as a new row-major array of the same shape. Its
    /// singular values are those of U/max(‖U‖_F, ε), each sent <paramref name="steps"/> times through
    /// s ← as + bs³ + cs⁵; its singular vectors are U's.
    /// </summary>
    /// <param name="matrix">U, row-major, finite values.</param>
    /// <param name="rows">m ≥ 1.</param>
    /// <param name="columns">n ≥ 1; rows · columns must be the length of <paramref name="matrix"/>.</param>
    /// <param name="steps">k in [0, 99].</param>
    /// <param name="coefficients">(a, b, c), finite; null: (3.4445, −4.775, 2.0315).</param>
    /// <param name="epsilon">ε ≥ 0, finite.</param>
    public static double[] Orthogonalize(ReadOnlySpan<double> matrix, int rows, int columns, int steps = 5,
        (double A, double B, double C)? coefficients = null, double epsilon = 1e-7)
    {
        Require.RowMajorMatrix(matrix, rows, columns);
        Require.Between(steps, 0, 99);
        var (a, b, c) = CheckedCoefficients(coefficients, nameof(coefficients));
        Require.NonNegative(epsilon);
        Require.AllFinite(matrix, nameof(matrix));

        var o = new double[matrix.Length];
        new NewtonSchulz(rows, columns).Run(matrix, rows, columns, o, steps, a, b, c, epsilon);
        if (!AllFinite(o))
            throw new ArgumentOutOfRangeException(nameof(coefficients), Coefficients((a, b, c)) +
                $" is out of range for {steps} steps: the Newton–Schulz iteration overflowed (±∞ or NaN) on this " +
                $"finite {rows}×{columns} matrix. {ValidCoefficients}");
        return o;
    }

    /// <summary>
    /// γ' for a matrix of this shape: γ√max(1, m/n) (<see cref="MuonLearningRateAdjustment.Original"/>) or
    /// γ·0.2√max(m, n) (<see cref="MuonLearningRateAdjustment.MatchRmsAdamW"/>), PyTorch's <c>_adjust_lr</c>.
    /// </summary>
    public static double AdjustedLearningRate(double learningRate, MatrixShape shape, MuonLearningRateAdjustment how)
    {
        Require.NonNegative(learningRate);
        if (!shape.IsValid) throw MatrixShape.Invalid(shape, nameof(shape));
        return Adjusted(learningRate, shape, CheckedAdjustment(how, nameof(how)));
    }

    /// <inheritdoc />
    protected override void Prepare(ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient)
    {
        var shapes = ShapesFor(parameters.Length);
        int n = parameters.Length;
        if (nextMomentum is null || nextMomentum.Length != n) nextMomentum = new double[n];
        if (update is null || update.Length != n) update = new double[n];

        // Everything below writes only to this step's own buffers: θ and B change in Update, after it all worked.
        double mu = MomentumCoefficient;
        var (a, b, c) = NewtonSchulzCoefficients;
        for (int i = 0; i < n; i++)
            nextMomentum[i] = mu * (momentum is null ? 0 : momentum[i]) + (1 - mu) * gradient[i]; // B ← μB + (1 − μ)g
        int offset = 0;
        for (int k = 0; k < shapes.Count; k++)
        {
            var shape = shapes[k];
            var g = gradient.Slice(offset, shape.Count);
            var buffer = nextMomentum.AsSpan(offset, shape.Count);
            var o = update.AsSpan(offset, shape.Count);
            Span<double> u = buffer;                                                  // U ← B
            if (Nesterov)
            {
                u = o;                                                                // (O's space holds U until NS)
                for (int i = 0; i < u.Length; i++) u[i] = (1 - mu) * g[i] + mu * buffer[i]; // U ← (1 − μ)g + μB
            }
            bool finite = AllFinite(u);
            Workspace(shape).Run(u, shape.Rows, shape.Columns, o, NewtonSchulzSteps, a, b, c, Epsilon); // O ← NS(U)
            if (finite && !AllFinite(o))
                throw new InvalidOperationException(
                    $"Muon's Newton–Schulz iteration overflowed (±∞ or NaN) on matrix {k} ({shape}) although its " +
                    $"U was finite: newtonSchulzCoefficients = {Coefficients((a, b, c))} with " +
                    $"newtonSchulzSteps = {NewtonSchulzSteps} is out of the valid range. {ValidCoefficients} " +
                    "Nothing was changed; make a new Muon with other coefficients or fewer steps.");
            offset += shape.Count;
        }
        preparedMatrices = shapes;
    }

    /// <inheritdoc />
    protected override void AllocateState(int length) => momentum = new double[length];

    /// <inheritdoc />
    protected override void ClearState() => momentum = null;

    /// <inheritdoc />
    protected override void Update(Span<double> theta, ReadOnlySpan<double> g, int t)
    {
        (momentum, nextMomentum) = (nextMomentum, momentum);  // B ← the buffer Prepare computed
        double decay = 1 - LearningRate * WeightDecay;
        var o = update.AsSpan();
        int offset = 0;
        for (int k = 0; k < preparedMatrices.Count; k++)
        {
            var shape = preparedMatrices[k];
            double adjusted = Adjusted(LearningRate, shape, AdjustLearningRate);  // γ'
            for (int i = offset; i < offset + shape.Count; i++)
            {
                theta[i] *= decay;                                                 // θ ← θ(1 − γλ)
                theta[i] += -adjusted * o[i];                                      // θ ← θ − γ'O
            }
            offset += shape.Count;
        }
    }

    private static double Adjusted(double learningRate, MatrixShape shape, MuonLearningRateAdjustment how)
    {
        double a = shape.Rows, b = shape.Columns;
        double ratio = how == MuonLearningRateAdjustment.Original
            ? Math.Sqrt(Math.Max(1, a / b))     // √max(1, A/B)
            : 0.2 * Math.Sqrt(Math.Max(a, b));  // 0.2√max(A, B)
        return learningRate * ratio;
    }

    /// <summary>The shapes of this step, checked against θ's length (no allocation when they are fine).</summary>
    private IReadOnlyList<MatrixShape> ShapesFor(int length)
    {
        if (stepMatrices is { } given)
        {
            if (given.Count == 0)
                throw new ArgumentException(
                    "matrices is empty: the valid value is a list of at least one shape whose counts sum to " +
                    $"parameters.Length = {length}.", "matrices");
            long total = 0;
            for (int i = 0; i < given.Count; i++)
            {
                if (!given[i].IsValid) throw MatrixShape.Invalid(given[i], $"matrices[{i}]");
                total += given[i].Count;
            }
            if (total != length)
                throw new ArgumentException(
                    $"matrices' counts sum to {total} ({Describe(given)}) but parameters.Length = {length}: " +
                    $"the valid matrices are shapes whose counts sum to {length}, the length of θ.", "matrices");
            return given;
        }
        if (Matrices is { } own)
        {
            long total = matricesCount;
            if (total != length)
                throw new ArgumentException(
                    $"parameters.Length = {length} does not match the matrices given to the constructor " +
                    $"({Describe(own)}: {total} values): the valid length is {total} (or pass the shapes to " +
                    "Step(parameters, gradient, matrices)).", "parameters");
            return own;
        }
        if (row[0].Count != length) row[0] = new MatrixShape(1, length);
        return row;
    }

    private NewtonSchulz Workspace(MatrixShape shape)
    {
        var key = (Math.Min(shape.Rows, shape.Columns), Math.Max(shape.Rows, shape.Columns));
        if (!workspaces.TryGetValue(key, out var workspace))
            workspaces[key] = workspace = new NewtonSchulz(key.Item1, key.Item2);
        return workspace;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    private const string ValidCoefficients =
        "The valid coefficients keep the iterates of every s in [0, 1] under s ← as + bs³ + cs⁵ bounded, as " +
        "the default (3.4445, −4.775, 2.0315) does.";

    private static string Coefficients((double A, double B, double C) c) =>
        $"({Require.Show(c.A)}, {Require.Show(c.B)}, {Require.Show(c.C)})";

    private static string Describe(IReadOnlyList<MatrixShape> shapes) =>
        string.Join(" + ", shapes.Take(8).Select(s => s.ToString())) + (shapes.Count > 8 ? " + …" : "");

    private static (double A, double B, double C) CheckedCoefficients((double A, double B, double C)? given,
        string name)
    {
        var c = given ?? DefaultCoefficients;
        Require.Finite(c.A, name + ".A");
        Require.Finite(c.B, name + ".B");
        Require.Finite(c.C, name + ".C");
        return c;
    }

    private static IReadOnlyList<MatrixShape> CheckedShapes(IReadOnlyList<MatrixShape> shapes, string name)
    {
        if (shapes.Count == 0)
            throw new ArgumentException(
                $"{name} is empty: the valid value is null (θ is one 1×n row) or at least one shape.", name);
        var copy = shapes.ToArray();
        long total = 0;
        for (int i = 0; i < copy.Length; i++)
        {
            if (!copy[i].IsValid) throw MatrixShape.Invalid(copy[i], $"{name}[{i}]");
            total += copy[i].Count;
        }
        if (total > Array.MaxLength)
            throw new ArgumentException(
                $"{name} hold {total.ToString(CultureInfo.InvariantCulture)} values in all: the valid total is at " +
                $"most {Array.MaxLength}, the largest array .NET makes.", name);
        return Array.AsReadOnly(copy);
    }

    private static MuonLearningRateAdjustment CheckedAdjustment(MuonLearningRateAdjustment how, string name) =>
        Enum.IsDefined(how)
            ? how
            : throw new ArgumentOutOfRangeException(name, how,
                $"{name} = {(int)how} is out of range: the valid values are Original and MatchRmsAdamW.");
}
