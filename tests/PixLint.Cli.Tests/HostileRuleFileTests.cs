using System.Text;

namespace PixLint.Tests;

/// <summary>
/// Rule files and project configurations written to hurt: each stops the run with exit 2 and a
/// `file:line:column` error, through a limit that is hit before any harm is done (the messages name
/// the limit; RuleLoaderTests checks the loader's limits one by one).
/// </summary>
public class HostileRuleFileTests
{
    private static readonly string Sample = Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg");

    public static TheoryData<string, string, string> HostileYaml()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        return new TheoryData<string, string, string>
        {
            { "alias bomb", bomb.ToString(), "1:1: error: YAML aliases expand to more than 200000 nodes" },
            { "deep nesting", new string('[', 100_000) + new string(']', 100_000), "1:65: error: YAML nesting deeper than 64 levels" },
            { "huge scalar", "id: T1\ntitle: \"" + new string('a', 3_000_000) + "\"\n", "2:8: error: a YAML value is longer than 1048576 characters" },
            { "python tag", "id: !!python/object/apply:os.system [\"touch /tmp/pwned\"]\n", "1:5: error: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'" },
            { ".NET type tag", "id: T1\ntitle: !System.Diagnostics.Process t\n", "2:8: error: unsupported YAML tag '!System.Diagnostics.Process'" },
        };
    }

    [Theory]
    [MemberData(nameof(HostileYaml))]
    public void Hostile_rule_files_exit_2_located(string what, string yaml, string error)
    {
        using var dir = new TempDir();
        dir.Write("rules/hostile.yaml", yaml);
        var result = CliRunner.Run(["lint", Sample, "--rules", "rules"], dir.Path);
        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}");
        Assert.StartsWith($"rules/hostile.yaml:{error}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.StdoutBytes);
    }

    [Theory]
    [MemberData(nameof(HostileYaml))]
    public void Hostile_project_configurations_exit_2_located(string what, string yaml, string error)
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", yaml);
        var result = CliRunner.Run(["lint", Sample], dir.Path);
        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}");
        Assert.Contains($".pixlint.yaml:{error}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regex_times_out_naming_the_rule_and_where_the_regex_is()
    {
        using var dir = new TempDir();
        dir.Write("rules/slow.yaml", """
            id: SLOW1
            title: t
            severity: note
            match:
              find: command
              pattern: "hostname {name}"
              where:
                name: { matches: "^(?=(a+)+$)\\w*$" }
            message: slow
            docs: { summary: s, why: w }
            """);
        dir.Write("fw.cfg", "PIX Version 6.3(5)\nhostname " + new string('a', 40) + "!\n");
        var result = CliRunner.Run(["lint", "fw.cfg", "--rules", "rules", "--no-default-rules"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fw.cfg: error: rule SLOW1: the regular expression '^(?=(a+)+$)\\w*$' (rules/slow.yaml:8:22) took longer than 200 ms on 'aaaa", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_configuration_cannot_name_rules_outside_its_folder()
    {
        // The configuration comes with the repository being linted (a pull request, say): were pixlint to
        // read /etc/passwd as a rule file, its error would quote the file's first line into the CI log.
        using var dir = new TempDir();
        dir.Write("elsewhere/private.yaml", "TOPSECRET-CONTENT: [1]\n");
        dir.Write("repo/fw.cfg", File.ReadAllBytes(Sample));
        dir.Write("repo/.pixlint.yaml", "select: [SMTP]\nrules:\n  - ./ok-rules\n  - ../elsewhere/private.yaml\n  - /etc/passwd\n  - linked\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", "ok-rules"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "repo", "linked"), Path.Combine(dir.Path, "elsewhere"));
        var result = CliRunner.Run(["lint", "fw.cfg"], Path.Combine(dir.Path, "repo"));
        Assert.Equal(2, result.ExitCode);
        string real = Rules.RealPaths.Resolve(Path.Combine(dir.Path, "repo"));
        Assert.Contains($".pixlint.yaml:4:5: error: rules: '../elsewhere/private.yaml' is outside the folder of .pixlint.yaml ({real})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".pixlint.yaml:5:5: error: rules: '/etc/passwd' is outside the folder of .pixlint.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".pixlint.yaml:6:5: error: rules: 'linked' is outside the folder of .pixlint.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("./ok-rules", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_links_out_of_a_rules_folder_are_not_followed()
    {
        using var dir = new TempDir();
        dir.Write("elsewhere/private.yaml", "TOPSECRET-CONTENT: [1]\n");
        dir.Write("rules/ok.yaml", File.ReadAllText(Path.Combine(TestPaths.Rules, "examples", "DNS001.yaml")));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "rules", "passwd.yaml"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "rules", "more"), Path.Combine(dir.Path, "elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "rules", "again"), ".");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "rules", "same.yml"), "ok.yaml");
        var result = CliRunner.Run(["lint", Sample, "--rules", "rules"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rules/passwd.yaml:1:1: error: a symbolic link to /etc/passwd, outside the rules folder rules; not read", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules/more:1:1: error: a symbolic link to ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Stdout + result.Stderr, StringComparison.Ordinal);

        // A link that stays inside is followed once (`again` points at the folder itself: no loop); `same.yml`
        // is the same rule again, a duplicate id.
        Assert.Contains("rules/same.yml:2:5: error: duplicate rule id 'DNS001' (first defined in rules/ok.yaml:2:5)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("rules/again", result.Stderr, StringComparison.Ordinal);

        // Named on the command line, a file is the user's choice: read wherever it is.
        var named = CliRunner.Run(["lint", Sample, "--rules", "elsewhere/private.yaml"], dir.Path);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains("elsewhere/private.yaml:1:1: error: unknown key 'TOPSECRET-CONTENT'", named.Stderr, StringComparison.Ordinal);
    }
}
