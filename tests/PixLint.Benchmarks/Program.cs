using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PixLint.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
