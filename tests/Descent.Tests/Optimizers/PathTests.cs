using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// The vectorized path computes what the scalar reference path computes: bit for bit for SGD,
/// Momentum, AdaGrad and RMSProp (same formula, same order), to 1e-12 relative for Adam and AdamW,
/// whose fused loop folds the bias corrections as PyTorch's code does.
/// </summary>
public class PathTests
{
    public static TheoryData<string> Configurations() =>
    [
        "sgd", "sgd-decay", "momentum", "dampening", "nesterov-decay", "adagrad", "adagrad-all", "rmsprop", "rmsprop-centered",
        "rmsprop-momentum", "rmsprop-all", "adam", "adam-l2", "amsgrad", "adamw", "adamw-amsgrad",
    ];

    private static OptimizerBase Make(string name) => name switch
    {
        "sgd" => new Sgd(0.1),
        "sgd-decay" => new Sgd(0.1, weightDecay: 0.2),
        "momentum" => new Momentum(0.05),
        "dampening" => new Sgd(0.05, momentum: 0.8, dampening: 0.3),
        "nesterov-decay" => new Sgd(0.05, momentum: 0.9, nesterov: true, weightDecay: 0.1),
        "adagrad" => new AdaGrad(0.1),
        "adagrad-all" => new AdaGrad(0.1, learningRateDecay: 0.1, weightDecay: 0.05, initialAccumulatorValue: 0.2),
        "rmsprop" => new RmsProp(0.01),
        "rmsprop-centered" => new RmsProp(0.01, centered: true),
        "rmsprop-momentum" => new RmsProp(0.01, momentum: 0.9),
        "rmsprop-all" => new RmsProp(0.01, alpha: 0.9, weightDecay: 0.1, momentum: 0.5, centered: true),
        "adam" => new Adam(0.01),
        "adam-l2" => new Adam(0.01, weightDecay: 0.1),
        "amsgrad" => new Adam(0.01, amsGrad: true),
        "adamw" => new AdamW(0.01),
        "adamw-amsgrad" => new AdamW(0.01, weightDecay: 0.3, amsGrad: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Vectorized_and_scalar_paths_agree(string name)
    {
        foreach (int n in new[] { 1, 3, 4, 7, 8, 9, 17, 1000, 1027 })
        {
            var random = new Random(n);
            double[] start = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            var fast = Make(name);
            var reference = Make(name);
            reference.Path = StepPath.Scalar;
            Assert.Equal(StepPath.Vectorized, fast.Path);
            double[] a = (double[])start.Clone(), b = (double[])start.Clone();
            for (int t = 0; t < 12; t++)
            {
                double[] g = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0 : (random.NextDouble() - 0.5) * (i % 7 == 0 ? 1e8 : 1)).ToArray();
                double lr = fast.LearningRate * (t == 6 ? 0.5 : 1);
                fast.LearningRate = reference.LearningRate = lr;
                fast.Step(a, g);
                reference.Step(b, g);
                if (fast is Adam) Close.All(b, a, $"{name}, n = {n}, step {t + 1}");
                else Assert.Equal(b, a); // bitwise: same formula, same order
            }
        }
    }
}
