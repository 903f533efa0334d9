namespace Descent.Training;

/// <summary>Gradient clipping, as torch.nn.utils does it.</summary>
public static class Clip
{
    /// <summary>
    /// clip_grad_norm_: if the global L2 norm ‖g‖ exceeds <paramref name="maxNorm"/>, scale g by
    /// maxNorm / (‖g‖ + 1e-6). Returns the norm before clipping. A NaN or ±∞ in g is refused (no
    /// direction can be clipped out of it; the runners report it with the step before they clip).
    /// </summary>
    public static double ByGlobalNorm(Span<double> gradient, double maxNorm)
    {
        Require.Positive(maxNorm);
        Require.AllFinite(gradient, nameof(gradient));
        // Scaled by the largest |g| so that g² can neither overflow (1e200² = ∞) nor underflow (1e-200² = 0).
        double largest = 0;
        foreach (double g in gradient) largest = Math.Max(largest, Math.Abs(g));
        double sum = 0;
        if (largest > 0)
            foreach (double g in gradient) sum += (g / largest) * (g / largest);
        double norm = largest * Math.Sqrt(sum);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
            for (int i = 0; i < gradient.Length; i++) gradient[i] *= coefficient;
        return norm;
    }

    /// <summary>clip_grad_value_: every component clamped to [−v, v].</summary>
    public static void ByValue(Span<double> gradient, double clipValue)
    {
        Require.Positive(clipValue);
        Require.AllFinite(gradient, nameof(gradient));
        for (int i = 0; i < gradient.Length; i++) gradient[i] = Math.Clamp(gradient[i], -clipValue, clipValue);
    }
}
