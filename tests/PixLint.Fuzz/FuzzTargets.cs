using System.Text;
using PixLint.Model;
using PixLint.Output;
using PixLint.Output.FixWriters;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Fuzz;

/// <summary>
/// An input broke a promise PixLint makes about any input (round trip, spans inside the text, fixes
/// that converge...). Thrown by the fuzz targets so that AFL records the input as a crash.
/// </summary>
public sealed class InvariantViolationException(string message) : Exception(message);

/// <summary>
/// The two fuzz targets. Each takes arbitrary bytes and runs them through the product the way the
/// CLI does; what counts as a crash:
/// <list type="bullet">
/// <item>Configuration bytes: any exception at all. Bad configurations are diagnostics in the
/// report, never exceptions (nothing is documented to throw for a configuration), and every promise
/// below is checked and reported as an <see cref="InvariantViolationException"/>.</item>
/// <item>Rule-file bytes (also read as `.pixlint.yaml` and as a defaults file): any exception from
/// loading, since bad files are <see cref="LoadError"/>s with file:line:column. Running a rule that
/// loaded may throw <see cref="RuleEvaluationException"/> (a rule that fails while running: exit 2 with
/// the rule named), and only that.</item>
/// </list>
/// A hang (AFL's -t) and running out of memory are crashes too. The same code runs in AFL
/// (Program.cs), in the CsCheck property tests and in the regression tests (tests/fuzz/regressions).
/// </summary>
public static class FuzzTargets
{
    /// <summary>The rules whose findings applying the fixes must remove (README, "Fixing").</summary>
    public static readonly IReadOnlyList<string> MustConverge = ["SMTP001", "SMTP010", "SMTP011", "SMTP014"];

    private static readonly ModelOptions Options = new(DefaultsLoader.Default);

    private static readonly Lazy<RuleSet> DefaultRules = new(() =>
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault: true, [], ".", errors);
        return errors.Count == 0 ? rules : throw new InvalidOperationException("the default rule pack does not load: " + errors[0]);
    });

    private static readonly Lazy<Linter> DefaultLinter = new(() => new Linter(Options, DefaultRules.Value));

    private static readonly FormatOptions Format = new()
    {
        WorkingDirectory = "/fuzz",
        GeneratedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A small configuration with something for every subject kind, for loaded rules to run on.</summary>
    private static readonly Lazy<SourceText> RuleSample = new(() => SourceText.FromString("sample.cfg", """
        ASA Version 9.8(4)
        hostname fw
        names
        name 192.0.2.25 mx description mail
        interface GigabitEthernet0/0
         nameif outside
         security-level 0
         ip address 203.0.113.1 255.255.255.0
        interface GigabitEthernet0/1
         nameif inside
         security-level 100
         ip address 192.0.2.1 255.255.255.0
        object network mx-inside
         host 192.0.2.25
         nat (inside,outside) static 203.0.113.25
        object-group service mail tcp
         port-object eq smtp
         port-object eq 587
        access-list OUT extended permit tcp any object mx-inside object-group mail
        access-group OUT in interface outside
        snmp-server community s3cret
        class-map mail
         match port tcp eq 465
        policy-map type inspect esmtp strict
         parameters
          mask-banner
         match cmd verb STARTTLS
          mask
        policy-map global_policy
         class inspection_default
          inspect esmtp strict
         class mail
          inspect esmtp
        service-policy global_policy global
        fixup protocol smtp 25
        : end
        """));

    /// <summary>Configuration bytes → decode, parse, model, rules, every output, fix; then the fixed text again.</summary>
    public static void Config(byte[] bytes)
    {
        var source = SourceText.From("fuzz.cfg", bytes);
        Check(source.ToBytes().AsSpan().SequenceEqual(bytes), "decoding is not lossless: ToBytes() differs from the input");

        var linter = DefaultLinter.Value;
        var report = linter.Lint(source);
        var tree = report.Model?.Tree ?? throw new InvariantViolationException("the report has no model");
        tree.ParseAll();
        using (var printed = new MemoryStream())
        {
            tree.WriteSource(printed);
            Check(printed.ToArray().AsSpan().SequenceEqual(bytes), "printing the tree does not give the input back");
        }

        CheckSpans(tree, report);
        WriteReports(report);
        using (var writer = new StringWriter())
        {
            TreePrinter.WriteTree(report.Model, writer, showSecrets: false);
        }

        TreePrinter.WriteJson(report.Model, Stream.Null, showSecrets: false);

        var fixer = new FileFixer(linter);
        var fixedResult = fixer.Fix(report);
        Check(fixedResult.Converged, $"fixes did not converge in {FileFixer.MaxRounds} rounds");
        var left = fixedResult.After.Findings.FirstOrDefault(f => MustConverge.Contains(f.RuleId));
        Check(left is null, $"{left?.RuleId} is left after fixing: {left?.Message}");
        WriteFixes(fixedResult, DefaultRules.Value);

        // The corrected file: decodes, parses and prints back as itself, and fixing it again changes nothing.
        byte[] corrected = fixedResult.Text.ToBytes();
        var again = SourceText.From("fuzz.cfg", corrected);
        Check(again.ToBytes().AsSpan().SequenceEqual(corrected), "the corrected file does not round-trip");
        var second = fixer.Fix(again);
        Check(!second.Changed, "fixing the corrected file changes it again");
        if (!fixedResult.Changed)
        {
            Check(corrected.AsSpan().SequenceEqual(bytes), "nothing was fixed, yet the corrected file differs from the input");
        }
    }

    /// <summary>Rule-file bytes → the rule loader (then the rule runs), the project configuration loader, the defaults loader.</summary>
    public static void Rules(byte[] bytes)
    {
        string text = ReadAsFile(bytes);
        var errors = new List<LoadError>();
        var rule = RuleLoader.Load("fuzz.yaml", text, errors);
        CheckErrors(errors, "fuzz.yaml");
        if (rule is not null)
        {
            try
            {
                var report = new Linter(Options, RuleSet.Of([rule])).Lint(RuleSample.Value);
                CheckSpans(report.Model!.Tree, report);
                WriteReports(report);
            }
            catch (RuleEvaluationException e)
            {
                Check(e.Message.StartsWith($"rule {rule.Id}: ", StringComparison.Ordinal), $"a rule failure does not name the rule: {e.Message}");
            }
        }

        errors.Clear();
        ProjectConfig.Load("/fuzz/.pixlint.yaml", ".pixlint.yaml", text, errors);
        CheckErrors(errors, ".pixlint.yaml");

        errors.Clear();
        DefaultsLoader.Load("defaults.yaml", text, errors);
        CheckErrors(errors, "defaults.yaml");
    }

    /// <summary>Decodes rule-file bytes as the CLI reads rule files (File.ReadAllText: BOM detection, UTF-8 otherwise).</summary>
    public static string ReadAsFile(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void CheckErrors(List<LoadError> errors, string path)
    {
        foreach (var error in errors)
        {
            Check(error.File == path && error.Line >= 1 && error.Column >= 1 && error.Message.Length > 0, $"badly located load error: {error}");
        }
    }

    /// <summary>Every line, command, diagnostic, finding, related location and fix edit lies inside the text.</summary>
    private static void CheckSpans(SyntaxTree tree, FileReport report)
    {
        int length = tree.Source.Length;
        void Inside(TextSpan span, string what) =>
            Check(span.Start >= 0 && span.Length >= 0 && span.End <= length, $"{what} {span.Start}+{span.Length} is outside the text (length {length})");

        for (int i = 0; i < tree.LineCount; i++)
        {
            var line = tree.Source.GetLine(i);
            Check(line.Start >= 0 && line.Length >= 0 && line.EndIncludingEnding <= length, $"line {i + 1} is outside the text");
            if (tree.IsCommand(i))
            {
                var span = tree.GetCommandSpan(i);
                Check(span.Start >= line.Start && span.End <= line.End && span.Length >= 0, $"the command span of line {i + 1} is outside its line");
            }
        }

        foreach (var d in report.Diagnostics)
        {
            Inside(d.Span, $"diagnostic {d.Code}");
        }

        foreach (var f in report.Findings)
        {
            Inside(f.Span, $"finding {f.RuleId}");
            foreach (var related in f.Related)
            {
                Inside(related.Span, $"a related location of {f.RuleId}");
            }

            foreach (var edit in f.Fix?.Edits ?? [])
            {
                Inside(edit.Span, $"an edit of {f.RuleId}'s fix");
            }
        }
    }

    /// <summary>Every lint format, as the CLI writes them (secrets redacted).</summary>
    private static void WriteReports(FileReport report)
    {
        IReportFormatter[] formatters = [new TextFormatter(), new JsonFormatter(), new SarifFormatter(), new GitHubFormatter(), new JUnitFormatter(), new HtmlFormatter()];
        foreach (var formatter in formatters)
        {
            using (formatter)
            {
                formatter.Write(new LintReport([report]), Stream.Null, Format, DefaultRules.Value.Rules);
            }
        }
    }

    /// <summary>Every fix format: device commands, the diff, the corrected configuration.</summary>
    private static void WriteFixes(FixResult result, RuleSet rules)
    {
        IFixWriter[] writers = [new CommandsFixWriter(), new DiffFixWriter(), new ConfigFixWriter()];
        foreach (var writer in writers)
        {
            writer.Write(result, new FixWriterContext(Stream.Null, rules, ShowSecrets: false));
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolationException(message);
        }
    }
}
