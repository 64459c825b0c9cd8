using PixLint.Model;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint;

/// <summary>Project-level adjustments to findings (from `.pixlint.yaml` or the command line).</summary>
public sealed record LintPolicy
{
    public static readonly LintPolicy None = new();

    /// <summary>Per-rule severity overrides.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Unrecognised lines allowed per file (a count, or a percentage of command lines); null for no limit.</summary>
    public (int? Count, double? Percent)? MaxUnknown { get; init; }
}

/// <summary>
/// The lint pipeline for one file: bytes → <see cref="SourceText"/> → <see cref="SyntaxTree"/> →
/// <see cref="ConfigModel"/> → findings (with their fixes). Thread-safe: one instance lints many files in parallel.
/// </summary>
public sealed class Linter
{
    private readonly ModelOptions _modelOptions;
    private readonly IReadOnlyList<Rule> _rules;
    private readonly LintPolicy _policy;

    public Linter(ModelOptions modelOptions, RuleSet rules, LintPolicy? policy = null, Remediator? remediator = null)
    {
        _modelOptions = modelOptions;
        _rules = rules.Rules;
        _policy = policy ?? LintPolicy.None;
        Remediator = remediator ?? Remediator.Default;
    }

    /// <summary>The remediation pass that attaches fixes to findings.</summary>
    public Remediator Remediator { get; }

    public FileReport Lint(string path, ReadOnlySpan<byte> bytes) => Lint(SourceText.From(path, bytes));

    /// <summary>Lints one file; <paramref name="ignoredRules"/> are rule ids (or prefixes) switched off for it.</summary>
    /// <remarks>
    /// A one-line ASA REST API response is read through its JSON strings (<see cref="RestResponse"/>):
    /// the report's source is then the decoded configuration, and a note says so.
    /// </remarks>
    public FileReport Lint(SourceText source, IReadOnlyCollection<string>? ignoredRules = null)
    {
        var decoded = RestResponse.Decode(source);
        source = decoded ?? source;
        var tree = ConfigParser.Parse(source);
        var model = ModelBuilder.Build(tree, _modelOptions);
        var diagnostics = new List<ParseDiagnostic>(tree.Diagnostics);
        if (decoded is not null)
        {
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.CaptureWrapper, Severity.Note, new TextSpan(0, 0), RestResponse.Note));
        }
        diagnostics.AddRange(model.Diagnostics);

        var rules = ignoredRules is { Count: > 0 }
            ? [.. _rules.Where(r => !ignoredRules.Any(i => r.Id.StartsWith(i, StringComparison.OrdinalIgnoreCase)))]
            : _rules;
        var findings = Remediator.Attach(model, RuleEngine.Evaluate(model, rules));
        if (_policy.SeverityOverrides.Count > 0)
        {
            for (int i = 0; i < findings.Count; i++)
            {
                if (_policy.SeverityOverrides.TryGetValue(findings[i].RuleId, out var severity))
                {
                    findings[i] = findings[i] with { Severity = severity };
                }
            }
        }

        if (_policy.MaxUnknown is { } limit && TooManyUnknown(tree, limit) is { } message)
        {
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.TooManyUnrecognized, Severity.Error, new TextSpan(0, 0), message));
        }

        if (!diagnostics.Exists(d => d.Code == ParseDiagnostic.NotAConfig))
        {
            AddUndetermined(model, tree, diagnostics);
        }

        diagnostics.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new FileReport(source, model, findings, diagnostics);
    }

    /// <summary>Notes on what could not be told, so that a file without findings is known to be read and clean, not merely unread.</summary>
    private static void AddUndetermined(ConfigModel model, SyntaxTree tree, List<ParseDiagnostic> diagnostics)
    {
        void Note(string message) => diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.Undetermined, Severity.Note, new TextSpan(0, 0), message));

        var device = model.Device;
        if (device.Platform == DevicePlatform.Unknown)
        {
            Note("could not tell the platform (no version line, and no fixup or policy-map to infer it from); give --platform, or platform: in .pixlint.yaml");
        }
        else if (device.Version is null && device.VersionText is null)
        {
            Note($"could not tell the software version ({(device.Source == IdentitySource.Inferred ? $"no version line; {device.Platform.ToName()} inferred from the commands" : "no version line")}); give --os-version for the version-dependent checks");
        }

        if (tree.UnrecognizedCount > 0)
        {
            Note($"{(tree.UnrecognizedCount == 1 ? "1 line" : $"{tree.UnrecognizedCount} lines")} PixLint does not recognise {(tree.UnrecognizedCount == 1 ? "was" : "were")} not checked (--format json lists them; --max-unknown limits them)");
        }
    }

    private static string? TooManyUnknown(SyntaxTree tree, (int? Count, double? Percent) limit)
    {
        int unknown = tree.UnrecognizedCount;
        if (limit.Count is { } count)
        {
            return unknown > count ? $"{unknown} unrecognised lines, more than the {count} allowed (--max-unknown)" : null;
        }

        int commands = 0;
        for (int i = 0; i < tree.LineCount; i++)
        {
            if (tree.IsCommand(i))
            {
                commands++;
            }
        }

        double percent = commands == 0 ? 0 : unknown * 100.0 / commands;
        return percent > limit.Percent
            ? $"{unknown} of {commands} command lines ({percent:0.#}%) are unrecognised, more than the {limit.Percent:0.#}% allowed (--max-unknown)"
            : null;
    }
}
