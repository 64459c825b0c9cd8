using BenchmarkDotNet.Attributes;
using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Syntax.Grammar;
using PixLint.Text;

namespace PixLint.Benchmarks;

/// <summary>
/// Each stage of the pipeline on generated ASA configurations of 10k, 100k and 1M lines, with what
/// it allocates, and the whole of `pixlint lint --format json` on one file (in-process: the
/// whole-process figures, start-up included, come from tests/perf/run.sh).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private string _path = string.Empty;
    private byte[] _bytes = [];
    private SourceText _source = null!;
    private SyntaxTree _tree = null!;
    private ConfigModel _model = null!;
    private ConfigModel _freshModel = null!;
    private FileReport _report = null!;
    private ModelOptions _options = null!;
    private RuleSet _rules = null!;
    private Linter _linter = null!;
    private string[] _accessListLines = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = GeneratedConfigs.PathFor(Lines);
        _bytes = File.ReadAllBytes(_path);
        _options = BenchmarkPipeline.DefaultModelOptions();
        _rules = BenchmarkPipeline.DefaultRules();
        _linter = new Linter(_options, _rules);
        _source = SourceText.FromFile(_path, _path);
        _tree = ConfigParser.Parse(_source);
        _model = ModelBuilder.Build(_tree, _options);
        _report = _linter.Lint(_source);
        _accessListLines = [.. _tree.LinesWith(Keyword.AccessList).Select(_tree.GetCommandText)];
    }

    [Benchmark(Description = "read file (decode + lines)")]
    public SourceText ReadFile() => SourceText.FromFile(_path, _path);

    [Benchmark(Description = "decode bytes in memory (+ lines)")]
    public SourceText DecodeBytes() => SourceText.From(_path, _bytes);

    [Benchmark(Description = "parse (blocks + modelled commands)")]
    public SyntaxTree Parse() => ConfigParser.Parse(_source);

    [Benchmark(Description = "model")]
    public ConfigModel Model() => ModelBuilder.Build(_tree, _options);

    [Benchmark(Description = "rules (default pack)")]
    public List<Finding> Rules() => RuleEngine.Run(_model, _rules.Rules);

    /// <summary>
    /// The mail exposure (static NAT, objects, every access rule bound by an access-group) on a
    /// freshly parsed tree each iteration, since the tree keeps the commands it parses: what
    /// naming the affected hosts adds to a file's first finding.
    /// </summary>
    [Benchmark(Description = "mail exposure (fresh tree)")]
    public MailHostList MailExposure() => _freshModel.Mail.For(MailExposureAnalyzer.MailPorts);

    [IterationSetup(Target = nameof(MailExposure))]
    public void FreshModel() => _freshModel = ModelBuilder.Build(ConfigParser.Parse(_source), _options);

    [Benchmark(Description = "output json")]
    public void OutputJson() => BenchmarkPipeline.WriteJson(_report, Stream.Null);

    [Benchmark(Description = "output text")]
    public void OutputText() => BenchmarkPipeline.WriteText(_report, Stream.Null);

    [Benchmark(Description = "lint file to json (all stages)")]
    public void LintToJson() => BenchmarkPipeline.WriteJson(BenchmarkPipeline.Lint(_linter, _path), Stream.Null);

    /// <summary>
    /// Every `access-list` line through <see cref="SyntaxTree.GetCommand"/> (fast path, grammar for
    /// the rest): what resolving every ACL bound by an `access-group` would cost at worst (lint
    /// itself parses only the lists a class-map names).
    /// </summary>
    [Benchmark(Description = "every access-list line (GetCommand)")]
    public int AllAccessLists()
    {
        int parsed = 0;
        foreach (int line in _tree.LinesWith(Keyword.AccessList))
        {
            if (_tree.GetCommand(line) is not null)
            {
                parsed++;
            }
        }

        return parsed;
    }

    /// <summary>The same lines through the Sprache grammar alone (what GetCommand did before the fast path).</summary>
    [Benchmark(Description = "every access-list line (Sprache grammar only)")]
    public int AllAccessListsGrammarOnly()
    {
        int parsed = 0;
        foreach (string line in _accessListLines)
        {
            if (AccessListGrammar.GrammarOnly(new LineInput(line)).WasSuccessful)
            {
                parsed++;
            }
        }

        return parsed;
    }
}
