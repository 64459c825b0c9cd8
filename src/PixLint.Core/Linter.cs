using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint;

/// <summary>
/// The lint pipeline for one file: bytes → <see cref="SourceText"/> → <see cref="SyntaxTree"/> →
/// <see cref="ConfigModel"/> → findings. Thread-safe: one instance lints many files in parallel.
/// </summary>
public sealed class Linter
{
    private readonly ModelOptions _modelOptions;
    private readonly IReadOnlyList<Rule> _rules;

    public Linter(ModelOptions modelOptions, RuleSet rules)
    {
        _modelOptions = modelOptions;
        _rules = rules.Rules;
    }

    public FileReport Lint(string path, ReadOnlySpan<byte> bytes) => Lint(SourceText.From(path, bytes));

    public FileReport Lint(SourceText source)
    {
        var tree = ConfigParser.Parse(source);
        var model = ModelBuilder.Build(tree, _modelOptions);
        var diagnostics = new List<ParseDiagnostic>(tree.Diagnostics);
        diagnostics.AddRange(model.Diagnostics);
        diagnostics.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        IReadOnlyList<Finding> findings = RuleEngine.Run(model, _rules);
        return new FileReport(source, model, findings, diagnostics);
    }
}
