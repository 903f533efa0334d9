using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Descent.Optimizers;

namespace Descent.Benchmarks;

/// <summary>
/// One optimizer step on N parameters: the vectorized path, the scalar reference path, and a
/// memory-bandwidth baseline that streams exactly the bytes that optimizer's step must stream
/// (e.g. Adam reads θ, g, m, v and writes θ, m, v: 7 passes over N doubles) with trivial arithmetic.
/// The Ratio column is time / baseline: 1.0 means the step runs at the memory-bandwidth limit.
/// </summary>
[Config(typeof(ShortConfig))]
public class OptimizerStepBenchmarks
{
    [Params(1_000, 100_000, 1_000_000, 10_000_000)]
    public int N;

    [Params("SGD", "Momentum", "AdaGrad", "RMSProp", "Adam", "AdamW")]
    public string Optimizer = "";

    private double[] theta = [], gradient = [];
    private double[][] state = [];
    private OptimizerBase fast = null!, scalar = null!;
    private int reads, writes;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        theta = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        gradient = Enumerable.Range(0, N).Select(_ => random.NextDouble() - 0.5).ToArray();
        fast = Make();
        scalar = Make();
        scalar.Path = StepPath.Scalar;
        fast.Step(theta, gradient);   // allocate the state outside the measurement
        scalar.Step(theta, gradient);
        // (reads, writes) of N doubles per step, counting θ and g: SGD θ,g → θ; one state array: +1/+1; two: +2/+2.
        (reads, writes) = Optimizer switch
        {
            "SGD" => (2, 1),
            "Momentum" or "AdaGrad" or "RMSProp" => (3, 2),
            _ => (4, 3),
        };
        state = Enumerable.Range(0, reads - 2).Select(_ => new double[N]).ToArray();
    }

    private OptimizerBase Make() => Optimizer switch
    {
        "SGD" => new Sgd(1e-3),
        "Momentum" => new Momentum(1e-3),
        "AdaGrad" => new AdaGrad(1e-3),
        "RMSProp" => new RmsProp(1e-3),
        "Adam" => new Adam(1e-3),
        _ => new AdamW(1e-3),
    };

    [Benchmark(Baseline = true)]
    public void Bandwidth()
    {
        // Streams the same arrays with the same access pattern: read θ, g and the states; write θ and the states.
        int n = N, w = Vector<double>.Count, i = 0;
        ref double th = ref MemoryMarshal.GetArrayDataReference(theta);
        ref double gr = ref MemoryMarshal.GetArrayDataReference(gradient);
        var c = new Vector<double>(1e-9);
        switch (state.Length)
        {
            case 0:
                for (; i <= n - w; i += w)
                    (Vector.LoadUnsafe(ref th, (nuint)i) + c * Vector.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref th, (nuint)i);
                break;
            case 1:
                ref double s0 = ref MemoryMarshal.GetArrayDataReference(state[0]);
                for (; i <= n - w; i += w)
                {
                    var g = Vector.LoadUnsafe(ref gr, (nuint)i);
                    var a = Vector.LoadUnsafe(ref s0, (nuint)i) + c * g;
                    a.StoreUnsafe(ref s0, (nuint)i);
                    (Vector.LoadUnsafe(ref th, (nuint)i) + c * a).StoreUnsafe(ref th, (nuint)i);
                }
                break;
            default:
                ref double m = ref MemoryMarshal.GetArrayDataReference(state[0]);
                ref double v = ref MemoryMarshal.GetArrayDataReference(state[1]);
                for (; i <= n - w; i += w)
                {
                    var g = Vector.LoadUnsafe(ref gr, (nuint)i);
                    var a = Vector.LoadUnsafe(ref m, (nuint)i) + c * g;
                    var b = Vector.LoadUnsafe(ref v, (nuint)i) + c * g;
                    a.StoreUnsafe(ref m, (nuint)i);
                    b.StoreUnsafe(ref v, (nuint)i);
                    (Vector.LoadUnsafe(ref th, (nuint)i) + c * (a + b)).StoreUnsafe(ref th, (nuint)i);
                }
                break;
        }
    }

    [Benchmark]
    public void Vectorized() => fast.Step(theta, gradient);

    [Benchmark]
    public void Scalar() => scalar.Step(theta, gradient);
}
