using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PixLint.Rules;
using YamlDotNet.RepresentationModel;

namespace PixLint.Tests;

/// <summary>Checks on the rule pack itself (semgrep-rules' meta-rules).</summary>
public class MetaTests
{
    public static TheoryData<string> RuleFiles() =>
        [.. Pack.RuleFiles().Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.Rules, "examples"), "*.yaml")).Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/'))];

    // The schema registers itself under its $id, so it is read once.
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.Rules, "rule.schema.json")));

    [Fact]
    public void The_default_pack_is_SMTP001_to_SMTP020()
    {
        Assert.Equal(
            ["SMTP001", "SMTP002", "SMTP010", "SMTP011", "SMTP012", "SMTP013", "SMTP014", "SMTP015", "SMTP020"],
            Pack.Rules.Rules.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Ids_match_file_names_and_rules_are_documented(string file)
    {
        var errors = new List<LoadError>();
        var rule = RuleLoader.Load(file, File.ReadAllText(Path.Combine(TestPaths.RepoRoot, file)), errors);
        Assert.Empty(errors);
        Assert.NotNull(rule);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), rule.Id);
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.Summary));
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.Why));
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.Example));
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.Fix));
        Assert.NotEmpty(rule.Docs.References);
        Assert.True(rule.Remediation.Strategies.Count > 0 || rule.Remediation.Manual is not null);
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Every_rule_has_a_ruleid_and_an_ok_fixture_line(string file)
    {
        string id = Path.GetFileNameWithoutExtension(file);
        string text = string.Concat(FixtureHarness.FixturesFor(Path.Combine(TestPaths.RepoRoot, file)).Select(File.ReadAllText));
        Assert.Matches($@"!\s*ruleid:[^\n]*\b{id}\b", text);
        Assert.Matches($@"!\s*ok:[^\n]*\b{id}\b", text);
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void The_schema_accepts_every_rule_file(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, file))));
        var json = ToJson(yaml.Documents[0].RootNode);
        var result = Schema.Evaluate(JsonDocument.Parse(json!.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
    }

    [Fact]
    public void The_schema_rejects_what_the_loader_rejects()
    {
        var bad = JsonNode.Parse("""{"id": "X1", "title": "t", "severity": "fatal", "match": {"find": "inspect"}, "message": "m", "docs": {"summary": "s", "why": "w"}, "sevrity": 1}""");
        Assert.False(Schema.Evaluate(JsonDocument.Parse(bad!.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void Example_rules_pass_their_fixtures()
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault: false, ["rules/examples"], TestPaths.RepoRoot, errors);
        Assert.Empty(errors);
        Assert.Equal(["DNS001", "MGMT001"], rules.Rules.Select(r => r.Id));
        foreach (var rule in rules.Rules)
        {
            var fixtures = FixtureHarness.FixturesFor(Path.Combine(TestPaths.RepoRoot, rule.SourcePath)).ToList();
            Assert.NotEmpty(fixtures);
            foreach (string fixture in fixtures)
            {
                var result = FixtureHarness.Run(fixture, File.ReadAllBytes(fixture), rules, Pack.Options);
                Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
                Assert.True(result.TruePositives > 0);
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
