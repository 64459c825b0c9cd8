using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint;

/// <summary>The result of linting one file: what it is, what the rules found, and what was wrong with the input.</summary>
public sealed record FileReport(SourceText Source, ConfigModel? Model, IReadOnlyList<Finding> Findings, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    public string Path => Source.Path;

    /// <summary>Top-level lines PixLint did not recognise.</summary>
    public int UnrecognizedLines => Model?.Tree.UnrecognizedCount ?? 0;

    /// <summary>True when the file could not be read as a configuration at all (binary, empty...).</summary>
    public bool IsNotAConfig => Diagnostics.Any(d => d.Code == ParseDiagnostic.NotAConfig);

    /// <summary>
    /// The diagnostics that count like findings (for `--fail-on` and the summary): all but the
    /// per-line unrecognised-command notes, which `--max-unknown` counts instead.
    /// </summary>
    public IEnumerable<ParseDiagnostic> CountedDiagnostics => Diagnostics.Where(d => d.Code != ParseDiagnostic.UnrecognizedLine);

    /// <summary>True when the file has more unrecognised lines than --max-unknown allows.</summary>
    public bool HasTooManyUnrecognized => Diagnostics.Any(d => d.Code == ParseDiagnostic.TooManyUnrecognized);
}

/// <summary>The result of one lint run over any number of files, in a deterministic order.</summary>
public sealed record LintReport(IReadOnlyList<FileReport> Files)
{
    public int Count(Severity severity) => Files.Sum(f => f.Findings.Count(x => x.Severity == severity));

    public int FindingCount => Files.Sum(f => f.Findings.Count);
}
