using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// One optimizer configuration: the torch class, the options (C# parameter names; a bool option is
/// stored as 1 or 0) and the learning rate. Its name is the name of its PyTorch reference case.
/// </summary>
public sealed record OptimizerConfig(string Name, string TorchClass, double LearningRate, IReadOnlyDictionary<string, double> Options)
{
    /// <summary>A fresh optimizer of this configuration (at <paramref name="learningRate"/> if given).</summary>
    public IOptimizer Create(double? learningRate = null) => OptimizerRegistry.Create(TorchClass, learningRate ?? LearningRate, Options);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// The one registry of optimizer configurations (PyTorch's <c>optim_db</c> idea), used by the parity,
/// agreement and property tests and by the benchmarks. Every entry has a reference case of the same
/// name, options and learning rate in Reference/torch_vectors.json, written by PyTorch itself
/// (make_torch_vectors.py lists the same cases; a test keeps the two lists equal).
/// </summary>
public static class OptimizerRegistry
{
    private static OptimizerConfig C(string name, string torchClass, double lr, params (string Key, double Value)[] options) =>
        new(name, torchClass, lr, options.ToDictionary(o => o.Key, o => o.Value));

    /// <summary>Every configuration, in the order of the reference file.</summary>
    public static IReadOnlyList<OptimizerConfig> All { get; } =
    [
        C("sgd", "SGD", 0.1),
        C("sgd weight decay", "SGD", 0.1, ("weightDecay", 0.3)),
        C("sgd momentum", "SGD", 0.05, ("momentum", 0.9)),
        C("sgd momentum dampening", "SGD", 0.05, ("momentum", 0.8), ("dampening", 0.3)),
        C("sgd nesterov", "SGD", 0.05, ("momentum", 0.9), ("nesterov", 1)),
        C("sgd nesterov weight decay", "SGD", 0.05, ("momentum", 0.7), ("nesterov", 1), ("weightDecay", 0.1)),
        C("sgd momentum changing lr", "SGD", 0.05, ("momentum", 0.9)),
        C("sgd momentum zero lr", "SGD", 0.0, ("momentum", 0.9)),
        C("sgd changing momentum", "SGD", 0.05, ("momentum", 0.95)),
        C("adagrad", "Adagrad", 0.1),
        C("adagrad lr decay", "Adagrad", 0.1, ("learningRateDecay", 0.5)),
        C("adagrad weight decay", "Adagrad", 0.1, ("weightDecay", 0.2)),
        C("adagrad initial accumulator", "Adagrad", 0.1, ("initialAccumulatorValue", 0.4), ("epsilon", 1e-6)),
        C("adagrad all options", "Adagrad", 0.3,
            ("learningRateDecay", 0.1), ("weightDecay", 0.05), ("initialAccumulatorValue", 0.1)),
        C("rmsprop", "RMSprop", 0.01),
        C("rmsprop alpha", "RMSprop", 0.01, ("alpha", 0.9), ("epsilon", 1e-6)),
        C("rmsprop weight decay", "RMSprop", 0.01, ("weightDecay", 0.1)),
        C("rmsprop momentum", "RMSprop", 0.01, ("momentum", 0.9)),
        C("rmsprop centered", "RMSprop", 0.01, ("centered", 1)),
        C("rmsprop centered momentum weight decay", "RMSprop", 0.01,
            ("centered", 1), ("momentum", 0.5), ("weightDecay", 0.05), ("alpha", 0.95)),
        C("rmsprop momentum changing lr", "RMSprop", 0.01, ("momentum", 0.9)),
        C("rmsprop changing momentum", "RMSprop", 0.01, ("momentum", 0.95)),
        C("adam", "Adam", 0.001),
        C("adam betas", "Adam", 0.1, ("beta1", 0.5), ("beta2", 0.9), ("epsilon", 1e-4)),
        C("adam weight decay", "Adam", 0.01, ("weightDecay", 0.1)),
        C("adam amsgrad", "Adam", 0.01, ("amsGrad", 1)),
        C("adam amsgrad weight decay", "Adam", 0.01, ("amsGrad", 1), ("weightDecay", 0.2), ("beta2", 0.9)),
        C("adam changing lr", "Adam", 0.01),
        C("adam zero lr", "Adam", 0.0),
        C("adam changing beta1", "Adam", 0.01, ("beta1", 0.95)),
        C("adamw", "AdamW", 0.001),
        C("adamw strong decay", "AdamW", 0.05, ("weightDecay", 0.5)),
        C("adamw amsgrad", "AdamW", 0.01, ("amsGrad", 1), ("weightDecay", 0.1)),
        C("adamw zero decay", "AdamW", 0.01, ("weightDecay", 0.0)),
        C("adamax", "Adamax", 0.002),
        C("adamax weight decay betas", "Adamax", 0.01, ("weightDecay", 0.1), ("beta1", 0.8), ("beta2", 0.9), ("epsilon", 1e-4)),
        C("adadelta", "Adadelta", 1.0),
        C("adadelta rho weight decay", "Adadelta", 0.5, ("rho", 0.5), ("epsilon", 1e-3), ("weightDecay", 0.2)),
        C("nadam", "NAdam", 0.002),
        C("nadam momentum decay weight decay", "NAdam", 0.01, ("momentumDecay", 0.1), ("weightDecay", 0.1), ("beta2", 0.9)),
        C("radam", "RAdam", 0.001),
        C("radam rectified", "RAdam", 0.01, ("beta2", 0.95), ("weightDecay", 0.05)),
    ];

    /// <summary>The configuration called <paramref name="name"/>.</summary>
    public static OptimizerConfig Get(string name) =>
        All.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no optimizer configuration '{name}'", nameof(name));

    /// <summary>The one place that maps a torch class and its options to this library's constructors.</summary>
    public static IOptimizer Create(string torchClass, double learningRate, IReadOnlyDictionary<string, double> options)
    {
        double D(string key, double fallback) => options.TryGetValue(key, out var v) ? v : fallback;
        bool B(string key) => D(key, 0) != 0;
        return torchClass switch
        {
            "SGD" => new Sgd(learningRate, momentum: D("momentum", 0), dampening: D("dampening", 0),
                nesterov: B("nesterov"), weightDecay: D("weightDecay", 0)),
            "Adagrad" => new AdaGrad(learningRate, learningRateDecay: D("learningRateDecay", 0),
                weightDecay: D("weightDecay", 0), initialAccumulatorValue: D("initialAccumulatorValue", 0),
                epsilon: D("epsilon", 1e-10)),
            "RMSprop" => new RmsProp(learningRate, alpha: D("alpha", 0.99), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0), momentum: D("momentum", 0), centered: B("centered")),
            "Adam" => new Adam(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0), amsGrad: B("amsGrad")),
            "AdamW" => new AdamW(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0.01), amsGrad: B("amsGrad")),
            "Adamax" => new Adamax(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0)),
            "Adadelta" => new Adadelta(learningRate, rho: D("rho", 0.9), epsilon: D("epsilon", 1e-6),
                weightDecay: D("weightDecay", 0)),
            "NAdam" => new NAdam(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0), momentumDecay: D("momentumDecay", 0.004),
                decoupledWeightDecay: B("decoupledWeightDecay")),
            "RAdam" => new RAdam(learningRate, beta1: D("beta1", 0.9), beta2: D("beta2", 0.999), epsilon: D("epsilon", 1e-8),
                weightDecay: D("weightDecay", 0), decoupledWeightDecay: B("decoupledWeightDecay")),
            _ => throw new ArgumentException($"unknown optimizer {torchClass}", nameof(torchClass)),
        };
    }
}
