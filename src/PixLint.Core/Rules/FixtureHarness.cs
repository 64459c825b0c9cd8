using System.Text.RegularExpressions;
using PixLint.Model;
using PixLint.Text;

namespace PixLint.Rules;

/// <summary>One annotation mismatch in a fixture.</summary>
public sealed record FixtureFailure(string File, int Line, string RuleId, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {RuleId}: {Problem}";
}

/// <summary>What running a fixture found: true positives, mismatches, and known gaps.</summary>
public sealed record FixtureResult(string File, int TruePositives, IReadOnlyList<FixtureFailure> Failures, IReadOnlyList<string> KnownGaps)
{
    public int FalsePositives => Failures.Count(f => f.Problem.StartsWith("unexpected", StringComparison.Ordinal));

    public int FalseNegatives => Failures.Count(f => f.Problem.StartsWith("expected", StringComparison.Ordinal));
}

/// <summary>
/// Runs rule fixtures: configuration files whose `! ruleid: ID` / `! ok: ID` comments (semgrep
/// style) mark the next non-annotation line. Strict: every finding of a loaded rule must be
/// announced by a `ruleid`, every `ruleid` must be found, and an `ok` line must stay clean.
/// `todoruleid` / `todook` record known gaps without failing.
/// </summary>
public static partial class FixtureHarness
{
    [GeneratedRegex(@"^\s*!\s*(?<kind>ruleid|ok|todoruleid|todook)\s*:\s*(?<ids>[A-Za-z0-9_,\s-]+?)\s*$")]
    private static partial Regex Annotation();

    /// <summary>The fixtures of a rule file: `NAME.cfg` and `NAME.*.cfg` beside it, except `*.fixed.cfg`.</summary>
    public static IEnumerable<string> FixturesFor(string ruleFile)
    {
        string? dir = Path.GetDirectoryName(ruleFile);
        string stem = Path.GetFileNameWithoutExtension(ruleFile);
        if (dir is null || !Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateFiles(dir, stem + "*.cfg")
            .Where(f =>
            {
                string name = Path.GetFileName(f);
                return (name == stem + ".cfg" || name.StartsWith(stem + ".", StringComparison.Ordinal)) && !name.EndsWith(".fixed.cfg", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs the fixture as written, then flattened (every leading blank removed: what a capture tool
    /// that strips lines leaves) and re-indented with tabs: each variant must give the same findings
    /// at the same lines. A variant's failures name it (`flattened: ...`).
    /// </summary>
    public static FixtureResult Run(string displayPath, byte[] bytes, RuleSet rules, ModelOptions options)
    {
        var result = RunOnce(displayPath, bytes, rules, options);
        var failures = new List<FixtureFailure>(result.Failures);
        foreach (var (name, variant) in FixtureVariants.Of(bytes))
        {
            foreach (var failure in RunOnce(displayPath, variant, rules, options).Failures)
            {
                failures.Add(failure with { Problem = $"{name}: {failure.Problem}" });
            }
        }

        return result with { Failures = failures };
    }

    private static FixtureResult RunOnce(string displayPath, byte[] bytes, RuleSet rules, ModelOptions options)
    {
        var source = SourceText.From(displayPath, bytes);
        var expected = new Dictionary<(int Line, string Id), string>();
        var gaps = new List<string>();
        var pending = new List<(string Kind, string[] Ids)>();
        for (int i = 0; i < source.LineCount; i++)
        {
            string line = source.GetLineSpan(i).ToString();
            var m = Annotation().Match(line);
            if (m.Success)
            {
                pending.Add((m.Groups["kind"].Value, m.Groups["ids"].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)));
                continue;
            }

            foreach (var (kind, ids) in pending)
            {
                foreach (string id in ids)
                {
                    if (kind.StartsWith("todo", StringComparison.Ordinal))
                    {
                        gaps.Add($"{displayPath}:{i + 1}: {kind}: {id}");
                    }
                    else
                    {
                        expected[(i + 1, id.ToUpperInvariant())] = kind;
                    }
                }
            }

            pending.Clear();
        }

        var report = new Linter(options, rules).Lint(source);
        var failures = new List<FixtureFailure>();
        int truePositives = 0;
        var foundAt = new HashSet<(int, string)>();
        foreach (var finding in report.Findings)
        {
            int line = source.GetPosition(finding.Span.Start).Line;
            var key = (line, finding.RuleId.ToUpperInvariant());
            if (!foundAt.Add(key))
            {
                continue;
            }

            if (expected.TryGetValue(key, out string? kind) && kind == "ruleid")
            {
                truePositives++;
            }
            else
            {
                string hint = kind == "ok" ? " (the line is marked ok)" : string.Empty;
                failures.Add(new FixtureFailure(displayPath, line, finding.RuleId, $"unexpected finding{hint}: {finding.Message}"));
            }
        }

        foreach (var ((line, id), kind) in expected)
        {
            if (rules.Find(id) is null)
            {
                failures.Add(new FixtureFailure(displayPath, line, id, "expected a finding, but no rule with this id is loaded"));
            }
            else if (kind == "ruleid" && !foundAt.Contains((line, id)))
            {
                failures.Add(new FixtureFailure(displayPath, line, id, "expected a finding here, but the rule did not fire"));
            }
        }

        failures.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.RuleId, b.RuleId));
        return new FixtureResult(displayPath, truePositives, failures, gaps);
    }
}
