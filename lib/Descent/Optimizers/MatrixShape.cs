namespace Descent.Optimizers;

/// <summary>A matrix's shape (row-major in every flat buffer): at least one row and one column.</summary>
public readonly record struct MatrixShape
{
    /// <summary>A shape of <paramref name="rows"/> × <paramref name="columns"/>, both ≥ 1.</summary>
    public MatrixShape(int rows, int columns)
    {
        Rows = Require.AtLeast(rows, 1);
        Columns = Require.AtLeast(columns, 1);
        if ((long)rows * columns > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(rows), rows,
                $"rows × columns = {(long)rows * columns:N0} is out of range: the valid range is [1, {int.MaxValue:N0}].");
    }

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <summary>Columns.</summary>
    public int Columns { get; }

    /// <summary>Rows × Columns.</summary>
    public int Count => Rows * Columns;

    /// <inheritdoc />
    public override string ToString() => $"{Rows}×{Columns}";
}
