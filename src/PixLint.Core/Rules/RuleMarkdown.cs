using System.Globalization;
using System.Text;
using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Rules;

/// <summary>A rule's documentation as Markdown: `pixlint rules show`, docs/rules/*.md and SARIF help all use this one text.</summary>
public static class RuleMarkdown
{
    public static string Render(Rule rule)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {rule.Id}: {rule.Title}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Name: `{rule.Name}`\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Severity: {rule.Severity.ToName()} (security severity {rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Applies to: {Scope(rule.Scope)}\n");
        if (rule.Tags.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- Tags: {string.Join(", ", rule.Tags)}\n");
        }

        if (rule.Suppresses.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- Replaces {string.Join(" and ", rule.Suppresses)} on the same line\n");
        }

        sb.Append("\n## What it flags\n\n").Append(rule.Docs.Summary.Trim()).Append("\n\n");
        sb.Append("## Why it matters\n\n").Append(rule.Docs.Why.Trim()).Append("\n\n");
        if (rule.Docs.Example is { } example)
        {
            sb.Append("## Example\n\n```\n").Append(example.TrimEnd()).Append("\n```\n\n");
        }

        if (rule.Docs.Fix is { } fix)
        {
            sb.Append("## Fix\n\n").Append(fix.Trim()).Append("\n\n");
        }

        if (rule.Remediation.Strategies.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"`pixlint fix` strategies, by preference: {string.Join(", ", rule.Remediation.Strategies.Select(s => $"`{s}`"))}.\n\n");
        }
        else if (rule.Remediation.Manual is { } manual)
        {
            sb.Append("No automatic fix: ").Append(manual.Trim()).Append("\n\n");
        }

        if (rule.Docs.References.Count > 0)
        {
            sb.Append("## References\n\n");
            foreach (string reference in rule.Docs.References)
            {
                sb.Append("- ").Append(reference).Append('\n');
            }
        }

        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Scope(RuleScope scope)
    {
        var parts = new List<string>();
        if (scope.Generation is { } g)
        {
            parts.Add(g == InspectionGeneration.Fixup ? "fixup-era devices (PIX 4.2-6.x, FWSM 1-2)" : "MPF devices (PIX 7+, ASA, FWSM 3+, FTD)");
        }

        if (scope.Platforms.Count > 0)
        {
            parts.Add("platforms " + string.Join(", ", scope.Platforms.Select(p => p.ToName())));
        }

        if (!scope.Versions.IsAny)
        {
            parts.Add("versions " + scope.Versions.Text);
        }

        return parts.Count == 0 ? "every device" : string.Join("; ", parts);
    }
}
