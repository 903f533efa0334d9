using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Descent.Benchmarks -- --filter '*'            (everything, ~20 min)
// dotnet run -c Release --project tests/Descent.Benchmarks -- --filter '*Optimizer*'  (the step table)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
