using BenchmarkDotNet.Attributes;
using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Benchmarks;

/// <summary>Each stage of the pipeline on generated ASA configurations of 10k, 100k and 1M lines.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private byte[] _bytes = [];
    private SourceText _source = null!;
    private SyntaxTree _tree = null!;
    private ModelOptions _options = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(GeneratedConfigs.PathFor(Lines));
        _source = SourceText.From("bench.cfg", _bytes);
        _tree = ConfigParser.Parse(_source);
        _options = new ModelOptions(DefaultsLoader.Default);
    }

    [Benchmark(Description = "decode + split lines")]
    public SourceText Decode() => SourceText.From("bench.cfg", _bytes);

    [Benchmark(Description = "parse (blocks + modelled commands)")]
    public SyntaxTree Parse() => ConfigParser.Parse(_source);

    [Benchmark(Description = "model")]
    public ConfigModel Model() => ModelBuilder.Build(_tree, _options);

    [Benchmark(Description = "bytes to model")]
    public ConfigModel EndToEnd() => ModelBuilder.Build(ConfigParser.Parse(SourceText.From("bench.cfg", _bytes)), _options);
}
