namespace Descent.Training;

/// <summary>Gradient clipping, as torch.nn.utils does it.</summary>
public static class Clip
{
    /// <summary>
    /// clip_grad_norm_: if the global L2 norm ‖g‖ exceeds <paramref name="maxNorm"/>, scale g by
    /// maxNorm / (‖g‖ + 1e-6). Returns the norm before clipping.
    /// </summary>
    public static double ByGlobalNorm(Span<double> gradient, double maxNorm)
    {
        Require.Positive(maxNorm);
        double sum = 0;
        foreach (double g in gradient) sum += g * g;
        double norm = Math.Sqrt(sum);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
            for (int i = 0; i < gradient.Length; i++) gradient[i] *= coefficient;
        return norm;
    }

    /// <summary>clip_grad_value_: every component clamped to [−v, v].</summary>
    public static void ByValue(Span<double> gradient, double clipValue)
    {
        Require.Positive(clipValue);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = Math.Clamp(gradient[i], -clipValue, clipValue);
    }
}
