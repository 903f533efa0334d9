using System.Globalization;

namespace Descent.Optimizers;

/// <summary>
/// A matrix's shape, <paramref name="Rows"/> × <paramref name="Columns"/>, both ≥ 1 (checked, clear error).
/// Row-major in every flat buffer: entry (i, j) of a matrix that starts at offset o is at o + i·Columns + j.
/// </summary>
/// <param name="Rows">The number of rows, ≥ 1.</param>
/// <param name="Columns">The number of columns, ≥ 1.</param>
public readonly record struct MatrixShape(int Rows, int Columns)
{
    private readonly int rows = Dimension(Rows, nameof(Rows));
    private readonly int columns = Dimension(Columns, nameof(Columns));
    private readonly int count = Product(Rows, Columns);

    /// <summary>The number of rows, ≥ 1.</summary>
    public int Rows
    {
        get => rows;
        init => (rows, count) = (Dimension(value, nameof(Rows)), Product(value, columns));
    }

    /// <summary>The number of columns, ≥ 1.</summary>
    public int Columns
    {
        get => columns;
        init => (columns, count) = (Dimension(value, nameof(Columns)), Product(rows, value));
    }

    /// <summary>Rows · Columns, the number of values the matrix holds.</summary>
    public int Count => count;

    /// <summary>"rows×columns", e.g. "100×100".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{rows}×{columns}");

    /// <summary>
    /// Whether this is a real shape: <c>default(MatrixShape)</c> is 0×0, which the constructor would
    /// refuse, so every consumer of a list of shapes checks each one.
    /// </summary>
    internal bool IsValid => rows >= 1 && columns >= 1;

    /// <summary>The error for a shape that is not <see cref="IsValid"/>.</summary>
    internal static ArgumentException Invalid(MatrixShape shape, string name) =>
        new($"{name} = {shape} is out of range: the valid shapes have Rows ≥ 1 and Columns ≥ 1 " +
            "(default(MatrixShape) is 0×0; write new MatrixShape(rows, columns)).", name);

    private static int Dimension(int value, string name) =>
        value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                $"{name} = {value} is out of range: the valid range is [1, ∞), whole numbers.");

    private static int Product(int rows, int columns)
    {
        long product = (long)rows * columns;
        if (rows >= 1 && columns >= 1 && product > Array.MaxLength)
            throw new ArgumentOutOfRangeException(rows >= columns ? nameof(Rows) : nameof(Columns), product,
                $"Rows × Columns = {rows} × {columns} = {product} values is out of range: the valid range is " +
                $"[1, {Array.MaxLength}] values, the largest array .NET makes.");
        return rows >= 1 && columns >= 1 ? (int)product : 0;
    }
}
