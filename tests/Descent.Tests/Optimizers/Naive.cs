namespace Descent.Tests.Optimizers;

/// <summary>
/// Deliberately naive second transcriptions of the torch.optim documentation, written differently
/// from the library on purpose: each keeps the whole history of (weight-decayed) gradients and
/// recomputes every moving average from its closed form at every step, e.g.
///   RMSProp  v_t = Σₖ (1 − α) α^(t−k) gₖ²     instead of   v ← αv + (1 − α)g²,
///   Adam     m_t = Σₖ (1 − β₁) β₁^(t−k) gₖ,  bias correction 1 − β₁ᵗ as a product of t factors.
/// If the library's recurrences drift from the documented maths, these disagree.
/// </summary>
internal static class Naive
{
    private static double Power(double b, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++) p *= b;
        return p;
    }

    /// <summary>torch.optim.SGD, documented form.</summary>
    public static double[][] Sgd(double[] theta0, double[][] grads, double[] lrs, double mu, double tau, bool nesterov, double lambda)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            var g = grads[t - 1].Select((gi, i) => gi + lambda * theta[i]).ToArray();
            history.Add(g);
            var next = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                double step = g[i];
                if (mu != 0)
                {
                    // b_t = μ^(t−1) g₁ + (1 − τ) Σ_{k=2..t} μ^(t−k) g_k
                    double b = Power(mu, t - 1) * history[0][i];
                    for (int k = 2; k <= t; k++) b += (1 - tau) * Power(mu, t - k) * history[k - 1][i];
                    step = nesterov ? g[i] + mu * b : b;
                }
                next[i] = theta[i] - lrs[t - 1] * step;
            }
            theta = next;
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.Adagrad, documented form.</summary>
    public static double[][] AdaGrad(double[] theta0, double[][] grads, double[] lrs, double lrDecay, double lambda, double initial, double eps)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            var g = grads[t - 1].Select((gi, i) => gi + lambda * theta[i]).ToArray();
            history.Add(g);
            double clr = lrs[t - 1] / (1 + (t - 1) * lrDecay);
            theta = theta.Select((th, i) =>
            {
                double h = initial + history.Sum(gk => gk[i] * gk[i]); // h_t = τ + Σ gₖ²
                return th - clr * g[i] / (Math.Sqrt(h) + eps);
            }).ToArray();
            result.Add(theta);
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.RMSprop, documented form.</summary>
    public static double[][] RmsProp(double[] theta0, double[][] grads, double[] lrs, double alpha, double eps, double lambda, double mu, bool centered)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var scaledHistory = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            var g = grads[t - 1].Select((gi, i) => gi + lambda * theta[i]).ToArray();
            history.Add(g);
            var scaled = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                double v = 0, gAvg = 0;
                for (int k = 1; k <= t; k++)
                {
                    v += (1 - alpha) * Power(alpha, t - k) * history[k - 1][i] * history[k - 1][i];
                    gAvg += (1 - alpha) * Power(alpha, t - k) * history[k - 1][i];
                }
                double vTilde = centered ? v - gAvg * gAvg : v;
                scaled[i] = g[i] / (Math.Sqrt(vTilde) + eps);
            }
            scaledHistory.Add(scaled);
            var next = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                if (mu > 0)
                {
                    // b_t = Σₖ μ^(t−k) sₖ, sₖ the scaled gradient of step k; θ moves by γ_t b_t
                    double b = 0;
                    for (int k = 1; k <= t; k++) b += Power(mu, t - k) * scaledHistory[k - 1][i];
                    next[i] = theta[i] - lrs[t - 1] * b;
                }
                else next[i] = theta[i] - lrs[t - 1] * scaled[i];
            }
            theta = next;
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.Adam (decoupled = false) and torch.optim.AdamW (decoupled = true), documented form.</summary>
    public static double[][] Adam(double[] theta0, double[][] grads, double[] lrs, double beta1, double beta2, double eps, double lambda,
        bool amsGrad, bool decoupled)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var vMax = new double[theta.Length];
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            double lr = lrs[t - 1];
            if (decoupled) theta = theta.Select(th => th - lr * lambda * th).ToArray();
            var g = grads[t - 1].Select((gi, i) => decoupled ? gi : gi + lambda * theta[i]).ToArray();
            history.Add(g);
            var next = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                double m = 0, v = 0;
                for (int k = 1; k <= t; k++)
                {
                    m += (1 - beta1) * Power(beta1, t - k) * history[k - 1][i];
                    v += (1 - beta2) * Power(beta2, t - k) * history[k - 1][i] * history[k - 1][i];
                }
                double mHat = m / (1 - Power(beta1, t));
                vMax[i] = Math.Max(vMax[i], v);
                double vHat = (amsGrad ? vMax[i] : v) / (1 - Power(beta2, t));
                next[i] = theta[i] - lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            theta = next;
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>Sums (1 − β) β^(t−k) xₖ over the history: an EMA from zero, recomputed from its closed form.</summary>
    private static double Ema(List<double[]> history, int i, double beta, Func<double, double> f)
    {
        int t = history.Count;
        double sum = 0;
        for (int k = 1; k <= t; k++) sum += (1 - beta) * Power(beta, t - k) * f(history[k - 1][i]);
        return sum;
    }

    /// <summary>torch.optim.Adamax, documented form: u_t = max over k of β₂^(t−k)(|gₖ| + ε) (unrolled from u₀ = 0).</summary>
    public static double[][] Adamax(double[] theta0, double[][] grads, double[] lrs, double beta1, double beta2, double eps,
        double lambda)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            history.Add(grads[t - 1].Select((gi, i) => gi + lambda * theta[i]).ToArray());
            for (int i = 0; i < theta.Length; i++)
            {
                double m = Ema(history, i, beta1, x => x);
                double u = 0;
                for (int k = 1; k <= t; k++) u = Math.Max(u, Power(beta2, t - k) * (Math.Abs(history[k - 1][i]) + eps));
                theta[i] -= lrs[t - 1] / (1 - Power(beta1, t)) * m / u;
            }
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.Adadelta, documented form, both averages recomputed from the histories of g and Δ.</summary>
    public static double[][] Adadelta(double[] theta0, double[][] grads, double[] lrs, double rho, double eps, double lambda)
    {
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var deltas = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            history.Add(grads[t - 1].Select((gi, i) => gi + lambda * theta[i]).ToArray());
            var delta = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                double v = Ema(history, i, rho, x => x * x);
                double u = deltas.Count == 0 ? 0 : Ema(deltas, i, rho, x => x * x);
                delta[i] = Math.Sqrt(u + eps) / Math.Sqrt(v + eps) * history[t - 1][i];
            }
            deltas.Add(delta);
            for (int i = 0; i < theta.Length; i++) theta[i] -= lrs[t - 1] * delta[i];
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.NAdam, documented form: μₜ and their product recomputed from scratch at every step.</summary>
    public static double[][] NAdam(double[] theta0, double[][] grads, double[] lrs, double beta1, double beta2, double eps,
        double lambda, double psi, bool decoupled)
    {
        double Mu(int step) => beta1 * (1 - 0.5 * Math.Pow(0.96, step * psi));
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            double lr = lrs[t - 1];
            if (decoupled) theta = theta.Select(th => th * (1 - lr * lambda)).ToArray();
            history.Add(grads[t - 1].Select((gi, i) => decoupled ? gi : gi + lambda * theta[i]).ToArray());
            double product = 1;
            for (int k = 1; k <= t; k++) product *= Mu(k);
            for (int i = 0; i < theta.Length; i++)
            {
                double g = history[t - 1][i];
                double m = Ema(history, i, beta1, x => x), v = Ema(history, i, beta2, x => x * x);
                double d = Math.Sqrt(v / (1 - Power(beta2, t))) + eps;
                theta[i] -= lr * (1 - Mu(t)) / (1 - product) * g / d;
                theta[i] -= lr * Mu(t + 1) / (1 - product * Mu(t + 1)) * m / d;
            }
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }

    /// <summary>torch.optim.RAdam, documented form.</summary>
    public static double[][] RAdam(double[] theta0, double[][] grads, double[] lrs, double beta1, double beta2, double eps,
        double lambda, bool decoupled)
    {
        double rhoInf = 2 / (1 - beta2) - 1;
        var theta = (double[])theta0.Clone();
        var history = new List<double[]>();
        var result = new List<double[]>();
        for (int t = 1; t <= grads.Length; t++)
        {
            double lr = lrs[t - 1];
            if (decoupled) theta = theta.Select(th => th * (1 - lr * lambda)).ToArray();
            history.Add(grads[t - 1].Select((gi, i) => decoupled ? gi : gi + lambda * theta[i]).ToArray());
            double rho = rhoInf - 2 * t * Power(beta2, t) / (1 - Power(beta2, t));
            for (int i = 0; i < theta.Length; i++)
            {
                double mHat = Ema(history, i, beta1, x => x) / (1 - Power(beta1, t));
                double v = Ema(history, i, beta2, x => x * x);
                if (rho > 5)
                {
                    double r = Math.Sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                    theta[i] -= lr * mHat * Math.Sqrt(1 - Power(beta2, t)) / (Math.Sqrt(v) + eps) * r;
                }
                else theta[i] -= lr * mHat;
            }
            result.Add((double[])theta.Clone());
        }
        return result.ToArray();
    }
}
