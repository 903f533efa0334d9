using BenchmarkDotNet.Running;
using Descent.Benchmarks;

// dotnet run -c Release --project tests/Descent.Benchmarks -- --filter '*'            (everything, ~20 min)
// dotnet run -c Release --project tests/Descent.Benchmarks -- --filter '*Optimizer*'  (the step table)
// dotnet run -c Release --project tests/Descent.Benchmarks -- --filter '*Spirals*' '*MatMul*'  (issue 12's tables)
// dotnet run -c Release --project tests/Descent.Benchmarks -- --check-losses          (2000 steps vs the baseline)
if (args is ["--check-losses"]) return LossCheck.Run();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
