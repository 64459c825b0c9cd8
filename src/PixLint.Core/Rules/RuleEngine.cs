using System.Text;
using PixLint.Model;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Rules;

/// <summary>
/// Runs rules over a model: for each rule whose scope covers the device, enumerate its subjects,
/// keep those its `where` accepts, and turn each into a <see cref="Finding"/> at the first
/// `report` path that yields a line of the file. Then apply `suppresses` (a finding replaces
/// another rule's finding on the same subject) and drop duplicates at the same place.
/// </summary>
public static class RuleEngine
{
    public static List<Finding> Run(ConfigModel model, IReadOnlyList<Rule> rules) => [.. Evaluate(model, rules).Select(h => h.Finding)];

    /// <summary>Like <see cref="Run"/>, keeping each finding's rule and subject (for the remediation pass).</summary>
    public static List<RuleHit> Evaluate(ConfigModel model, IReadOnlyList<Rule> rules)
    {
        var context = new EvalContext(model);
        var hits = new List<(Rule Rule, object Subject, Finding Finding)>();
        foreach (var rule in rules)
        {
            if (!rule.Scope.Covers(model.Device))
            {
                continue;
            }

            var ruleHits = new List<(Rule, object, Finding)>();
            foreach (object subject in Subjects(rule, model))
            {
                TimeBudget.Check();
                if (!rule.Where.Evaluate(subject, context))
                {
                    continue;
                }

                var finding = MakeFinding(rule, subject, context);
                if (finding is not null)
                {
                    ruleHits.Add((rule, subject, finding));
                }
            }

            if (rule.FirstOnly && ruleHits.Count > 1)
            {
                ruleHits = [ruleHits.MinBy(h => h.Item3.Span.Start)];
            }

            hits.AddRange(ruleHits);
        }

        // `suppresses`: drop B's findings on subjects where a rule replacing B fired.
        var replaced = new HashSet<(string RuleId, object Subject)>();
        foreach (var (rule, subject, _) in hits)
        {
            foreach (string id in rule.Suppresses)
            {
                replaced.Add((id.ToUpperInvariant(), subject));
            }
        }

        var seen = new HashSet<(string, TextSpan)>();
        var findings = new List<RuleHit>(hits.Count);
        foreach (var (rule, subject, finding) in hits)
        {
            if (replaced.Contains((rule.Id.ToUpperInvariant(), subject)) || !seen.Add((rule.Id, finding.Span)))
            {
                continue;
            }

            findings.Add(new RuleHit(rule, subject, finding));
        }

        findings.Sort((a, b) => a.Finding.Span.Start != b.Finding.Span.Start
            ? a.Finding.Span.Start.CompareTo(b.Finding.Span.Start)
            : string.CompareOrdinal(a.Finding.RuleId, b.Finding.RuleId));
        return findings;
    }

    private static IEnumerable<object> Subjects(Rule rule, ConfigModel model) =>
        rule.Command is { } matcher ? MatchCommands(matcher, model) : rule.Kind.Enumerate(model);

    private static Finding? MakeFinding(Rule rule, object subject, EvalContext context)
    {
        var tree = context.Model.Tree;
        int line = -1;
        foreach (var path in rule.Report)
        {
            if (path.Evaluate(subject, context).Payload is Location l && ReferenceEquals(l.Tree, tree))
            {
                line = l.Line;
                break;
            }
        }

        if (line < 0)
        {
            return null; // nothing in this file to point at (e.g. only a built-in map)
        }

        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        string message = rule.Message.Render(subject, context, captures);
        var notes = rule.Notes.Where(n => n.When.Evaluate(subject, context)).Select(n => n.Text.Render(subject, context, captures)).ToList();
        var related = new List<RelatedLocation>();
        foreach (var r in rule.Related)
        {
            if (r.Path.Evaluate(subject, context).Payload is Location l && ReferenceEquals(l.Tree, tree) && l.Line != line)
            {
                related.Add(new RelatedLocation(tree.GetCommandSpan(l.Line), r.Message.Render(subject, context, captures)));
            }
        }

        IReadOnlyList<MailExposure>? affected = null;
        if (rule.Affected is { } affectedPath && affectedPath.Evaluate(subject, context).Payload is IReadOnlyList<MailExposure> hosts)
        {
            affected = hosts;
            AddHostLocations(tree, line, hosts, related);
        }

        return new Finding(rule.Id, rule.Severity, message, tree.GetCommandSpan(line))
        {
            Affected = affected,
            HelpUri = rule.HelpUri,
            Captures = captures,
            Notes = notes,
            Related = related,
            Identity = Identity(rule.Id, tree, line),
        };
    }

    private const int MaxHostLocations = 20;

    /// <summary>The access-list and NAT lines behind the affected hosts, as related locations.</summary>
    private static void AddHostLocations(SyntaxTree tree, int line, IReadOnlyList<MailExposure> hosts, List<RelatedLocation> related)
    {
        var added = new HashSet<int> { line };
        foreach (var host in hosts)
        {
            if (related.Count >= MaxHostLocations)
            {
                break;
            }

            if (added.Add(host.AccessLine))
            {
                related.Add(new RelatedLocation(tree.GetCommandSpan(host.AccessLine), $"permits {host.Describe()}"));
            }

            if (host.NatLine is int nat && added.Add(nat))
            {
                related.Add(new RelatedLocation(tree.GetCommandSpan(nat), $"translates {host.Public} to {host.Real}"));
            }
        }
    }

    /// <summary>
    /// A finding's identity for baselines: the rule, then the normalised text of the reported command
    /// and of each enclosing block (not the line number, so unrelated lines may move).
    /// </summary>
    public static string Identity(string ruleId, SyntaxTree tree, int line)
    {
        var parts = new List<string>();
        for (int l = line; l >= 0; l = tree.GetParent(l))
        {
            parts.Add(Normalise(tree.GetCommandText(l)));
        }

        parts.Reverse();
        return ruleId + "|" + string.Join(" > ", parts);
    }

    private static string Normalise(string command)
    {
        var sb = new StringBuilder(command.Length);
        foreach (string word in command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(word);
        }

        return sb.ToString();
    }

    private static IEnumerable<object> MatchCommands(CommandMatcher matcher, ConfigModel model)
    {
        var tree = model.Tree;
        var firstWords = matcher.Patterns.Select(p => p.FirstLiteral).ToList();
        bool anyFirst = firstWords.Any(w => w is null);
        for (int line = 0; line < tree.LineCount; line++)
        {
            if ((line & 1023) == 0)
            {
                TimeBudget.Check();
            }

            if (tree.GetKind(line) != LineKind.Command)
            {
                continue;
            }

            if (!anyFirst && !StartsWithAny(tree, line, firstWords!))
            {
                continue;
            }

            var words = tree.GetWords(line);
            foreach (var pattern in matcher.Patterns)
            {
                var captures = new Dictionary<string, string>(StringComparer.Ordinal);
                if (!pattern.TryMatch(words, captures) || !MatchesWithin(tree, line, matcher.Within, captures))
                {
                    continue;
                }

                var children = tree.GetChildren(line).Select(tree.GetWords).ToList();
                if (matcher.Child.Any(p => !children.Exists(c => p.TryMatch(c, [])))
                    || matcher.NoChild.Any(p => children.Exists(c => p.TryMatch(c, []))))
                {
                    continue;
                }

                yield return new CommandSubject(line, captures);
                break;
            }
        }
    }

    private static bool StartsWithAny(SyntaxTree tree, int line, List<string> firstWords)
    {
        var span = tree.GetCommandSpan(line);
        var text = tree.Source.GetSpan(span);
        int end = text.IndexOfAny(' ', '\t');
        var first = end < 0 ? text : text[..end];
        foreach (string word in firstWords)
        {
            if (first.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // Pager-cleaned lines may differ from the raw span; check their cleaned words.
        return tree.GetCommandText(line) is { } cleaned && firstWords.Exists(w => cleaned.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase) || cleaned.Equals(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>`within` patterns must match the enclosing commands, outermost first, exactly.</summary>
    private static bool MatchesWithin(SyntaxTree tree, int line, IReadOnlyList<CommandPattern> within, Dictionary<string, string> captures)
    {
        if (within.Count == 0)
        {
            return true;
        }

        var ancestors = new List<int>();
        for (int p = tree.GetParent(line); p >= 0; p = tree.GetParent(p))
        {
            ancestors.Add(p);
        }

        if (ancestors.Count != within.Count)
        {
            return false;
        }

        ancestors.Reverse();
        for (int i = 0; i < within.Count; i++)
        {
            if (!within[i].TryMatch(tree.GetWords(ancestors[i]), captures))
            {
                return false;
            }
        }

        return true;
    }
}
