using BenchmarkDotNet.Attributes;
using Descent.Optimizers;
using Descent.Optimizers.Kernels;
using Descent.Tests.Optimizers;

namespace Descent.Benchmarks;

/// <summary>
/// One optimizer step on N parameters against a memory-bandwidth baseline that streams exactly the
/// bytes that optimizer's step must stream (e.g. Adam reads θ, g, m, v and writes θ, m, v: 7 passes
/// over N doubles) with trivial arithmetic, through the same SIMD driver and vector width. The Ratio
/// column is step time / baseline time, measured in the same run: 1.0 means the step runs at the
/// speed of just moving its data (in cache at 4,096, from memory at 1e7).
/// </summary>
[Config(typeof(ShortConfig))]
public class OptimizerStepBenchmarks
{
    [Params(4_096, 1_000_000, 10_000_000)]
    public int N;

    /// <summary>Configurations of <see cref="OptimizerRegistry"/>, with PyTorch's default options.</summary>
    [Params("sgd", "sgd momentum", "adagrad", "rmsprop", "adam", "adamw")]
    public string Optimizer = "";

    private double[] theta = [], gradient = [];
    private double[][] state = [];
    private IOptimizer optimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        theta = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        gradient = Enumerable.Range(0, N).Select(_ => random.NextDouble() - 0.5).ToArray();
        optimizer = OptimizerRegistry.Get(Optimizer).Create(1e-3);
        optimizer.Step(theta, gradient);   // allocate the state outside the measurement
        // State arrays besides θ and g: SGD none; momentum, AdaGrad, RMSProp one; Adam and AdamW two.
        int states = Optimizer switch { "sgd" => 0, "sgd momentum" or "adagrad" or "rmsprop" => 1, _ => 2 };
        state = Enumerable.Range(0, states).Select(_ => new double[N]).ToArray();
    }

    [Benchmark(Baseline = true)]
    public void Bandwidth()
    {
        var kernel = new StreamKernel(theta, gradient, state);
        Elementwise.Run(ref kernel, theta.Length);
    }

    [Benchmark]
    public void Step() => optimizer.Step(theta, gradient);

    /// <summary>Reads θ, g and the states, writes θ and the states, with one multiply-add each.</summary>
    private ref struct StreamKernel(double[] theta, double[] gradient, double[][] state) : IElementwise
    {
        private readonly Span<double> theta = theta;
        private readonly ReadOnlySpan<double> gradient = gradient;
        private readonly Span<double> s0 = state.Length > 0 ? state[0] : default, s1 = state.Length > 1 ? state[1] : default;
        private readonly int count = state.Length;

        public void At<T>(int i) where T : struct, ILanes<T>
        {
            T c = T.Splat(1e-9), g = T.Load(gradient, i), p = T.Load(theta, i);
            if (count > 0)
            {
                T a = T.Load(s0, i) + c * g;
                a.Store(s0, i);
                g = a;
                if (count > 1)
                {
                    T b = T.Load(s1, i) + c * g;
                    b.Store(s1, i);
                    g += b;
                }
            }
            (p + c * g).Store(theta, i);
        }
    }
}
