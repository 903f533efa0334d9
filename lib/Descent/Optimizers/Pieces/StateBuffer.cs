namespace Descent.Optimizers.Pieces;

/// <summary>The pieces' shared length checks, so every piece words its errors the same way.</summary>
internal static class StateBuffer
{
    /// <summary>
    /// The state for an input of <paramref name="length"/> values: made (zeros) on first use,
    /// afterwards the same buffer, or an exception if the length changed. Nothing changes on failure.
    /// </summary>
    public static double[] For(ref double[]? state, int length, string parameter, string owner)
    {
        if (length == 0)
            throw new ArgumentException(
                $"{parameter}.Length = 0 is out of range: the valid range is [1, ∞).", parameter);
        if (state is null) return state = new double[length];
        if (state.Length != length)
            throw new ArgumentException(
                $"{parameter}.Length = {length} changed: this {owner}'s state was made for length {state.Length}; " +
                $"the valid value is {state.Length} (call Reset() to start over with a new length).", parameter);
        return state;
    }

    /// <summary>Update and gradient must describe the same parameters.</summary>
    public static void SameLength(ReadOnlySpan<double> update, ReadOnlySpan<double> gradient)
    {
        if (update.Length != gradient.Length)
            throw new ArgumentException(
                $"update and gradient must have the same length, but update.Length = {update.Length} " +
                $"and gradient.Length = {gradient.Length}.", nameof(gradient));
    }

    /// <summary>The state as a learner sees it: read-only, empty before the first use.</summary>
    public static IReadOnlyList<double> View(double[]? state) => state is null ? [] : Array.AsReadOnly(state);
}
