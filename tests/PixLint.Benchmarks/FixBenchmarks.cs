using BenchmarkDotNet.Attributes;
using PixLint.Model;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Benchmarks;

/// <summary>
/// `pixlint fix` on generated ASA configurations of 10k, 100k and 1M lines whose global policy
/// strips STARTTLS: lint, remediation pass, apply the edits, lint again (the convergence round),
/// then the unified diff.
/// </summary>
[MemoryDiagnoser]
public class FixBenchmarks
{
    private SourceText _source = null!;
    private Linter _linter = null!;
    private FixResult _fixed = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = SourceText.From("bench.cfg", File.ReadAllBytes(GeneratedConfigs.PathFor(Lines)));
        var errors = new List<LoadError>();
        _linter = new Linter(new ModelOptions(DefaultsLoader.Default), RuleSet.Load(includeDefault: true, [], ".", errors));
        _fixed = new FileFixer(_linter).Fix(_source);
        if (!_fixed.Changed || errors.Count > 0)
        {
            throw new InvalidOperationException("the generated configuration should have something to fix");
        }
    }

    [Benchmark(Description = "lint (with fixes attached)")]
    public FileReport Lint() => _linter.Lint(_source);

    [Benchmark(Description = "fix (lint, apply, lint again)")]
    public FixResult Fix() => new FileFixer(_linter).Fix(_source);

    [Benchmark(Description = "unified diff of the fixed file")]
    public string Diff() => UnifiedDiff.Create(_fixed.Text, "a/bench.cfg", "b/bench.cfg");

    [Benchmark(Description = "corrected bytes")]
    public byte[] Bytes() => _fixed.Text.ToBytes();
}
