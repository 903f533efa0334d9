namespace Descent.Optimizers;

/// <summary>
/// A named slice of a flat parameter buffer: a weight matrix (<see cref="Rows"/> × <see cref="Columns"/>,
/// row-major) or a vector (a bias: <see cref="Rows"/> entries, one column). PyTorch keeps every
/// parameter as its own tensor with a shape; this library keeps all of them in one buffer, so a block
/// tells an optimizer that cares about shapes (Muon) where each matrix is.
/// </summary>
public sealed record ParameterBlock
{
    /// <summary>A block; use <see cref="Matrix"/> or <see cref="Vector"/>.</summary>
    private ParameterBlock(string name, int offset, int rows, int columns, bool isMatrix)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Offset = Require.AtLeast(offset, 0);
        Rows = Require.AtLeast(rows, 1);
        Columns = Require.AtLeast(columns, 1);
        if ((long)rows * columns > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(rows), rows,
                $"rows × columns = {(long)rows * columns:N0} is out of range: the valid range is [1, {int.MaxValue:N0}].");
        IsMatrix = isMatrix;
    }

    /// <summary>A weight matrix of <paramref name="rows"/> × <paramref name="columns"/> at <paramref name="offset"/>.</summary>
    public static ParameterBlock Matrix(string name, int offset, int rows, int columns) =>
        new(name, offset, rows, columns, isMatrix: true);

    /// <summary>A vector (e.g. a bias) of <paramref name="length"/> entries at <paramref name="offset"/>.</summary>
    public static ParameterBlock Vector(string name, int offset, int length) =>
        new(name, offset, Require.AtLeast(length, 1), 1, isMatrix: false);

    /// <summary>What the block is, e.g. "layer 2 weight".</summary>
    public string Name { get; }

    /// <summary>Where the block starts in the flat buffer.</summary>
    public int Offset { get; }

    /// <summary>Rows of the matrix; a vector's length.</summary>
    public int Rows { get; }

    /// <summary>Columns of the matrix; 1 for a vector.</summary>
    public int Columns { get; }

    /// <summary>True for a weight matrix (PyTorch: a 2-D parameter), false for a vector.</summary>
    public bool IsMatrix { get; }

    /// <summary>How many parameters the block holds.</summary>
    public int Count => Rows * Columns;

    /// <summary>The first index after the block.</summary>
    public int End => Offset + Count;

    /// <inheritdoc />
    public override string ToString() =>
        IsMatrix ? $"{Name} ({Rows}×{Columns} at {Offset})" : $"{Name} ({Rows} at {Offset})";
}
