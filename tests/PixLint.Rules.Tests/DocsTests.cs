using System.Text;
using PixLint.Rules;

namespace PixLint.Tests;

/// <summary>docs/rules/*.md and the property reference in rules/README.md are generated from the rules and the registry.</summary>
public class DocsTests
{
    public static TheoryData<string> RuleIds() => [.. Pack.Rules.Rules.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_pages_are_up_to_date(string id) =>
        Golden.Check(Path.Combine(TestPaths.RepoRoot, "docs", "rules", id + ".md"), RuleMarkdown.Render(Pack.Rules.Find(id)!));

    [Fact]
    public void The_property_reference_in_rules_README_is_up_to_date()
    {
        string readme = Path.Combine(TestPaths.Rules, "README.md");
        string text = File.ReadAllText(readme);
        const string start = "<!-- properties:start -->\n", end = "<!-- properties:end -->";
        int a = text.IndexOf(start, StringComparison.Ordinal), b = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, "rules/README.md lacks the properties markers");
        string updated = text[..(a + start.Length)] + PropertyReference() + text[b..];
        Golden.Check(readme, updated);
    }

    private static string PropertyReference()
    {
        var sb = new StringBuilder();
        foreach (var kind in SubjectKinds.All.Values)
        {
            sb.Append($"### `{kind.Name}`\n\n{kind.Description}.\n\n| property | type | meaning |\n|---|---|---|\n");
            foreach (var p in kind.Properties.Values)
            {
                string type = p.Target is null ? Value.TypeName(p.Type) : $"→ `{p.Target}`";
                sb.Append($"| `{p.Name}` | {type} | {p.Description} |\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
