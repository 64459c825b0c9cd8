using YamlDotNet.RepresentationModel;

namespace PixLint.Tests;

/// <summary>
/// `.github/workflows/release.yml` and `action.yml`: no GitHub runs here, so their YAML is checked
/// against GitHub's published schemas (action-validator) and for what the release promises.
/// </summary>
public class WorkflowTests
{
    private static readonly string Workflow = Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "release.yml");

    private static ProcessResult Validate(string path) => ExternalTools.Run(ExternalTools.ActionValidator(), [path], TestPaths.RepoRoot, TimeSpan.FromMinutes(1));

    [Fact]
    public void The_release_workflow_and_the_action_match_githubs_schemas()
    {
        foreach (string path in new[] { Workflow, Path.Combine(TestPaths.RepoRoot, "action.yml") })
        {
            var result = Validate(path);
            Assert.True(result.ExitCode == 0, $"{path}: {result}");
        }

        // The validator can fail: a job with a misspelt key does not pass.
        using var dir = new TempDir();
        string broken = dir.Write("release.yml", File.ReadAllText(Workflow).Replace("    runs-on: ${{ matrix.os }}", "    run-on: ${{ matrix.os }}", StringComparison.Ordinal));
        Assert.NotEqual(0, Validate(broken).ExitCode);
    }

    [Fact]
    public void The_release_runs_the_release_script_on_every_os_and_attaches_one_checksum_file()
    {
        var root = ActionRunner.Load(Workflow);
        var on = (YamlMappingNode)root["on"];
        Assert.Equal(["push"], on.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(["tags"], ((YamlMappingNode)on["push"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));

        var jobs = (YamlMappingNode)root["jobs"];
        var build = (YamlMappingNode)jobs["build"];
        var matrix = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)build["strategy"])["matrix"])["include"];
        var oses = matrix.Children.Cast<YamlMappingNode>().Select(m => ActionRunner.Scalar(m, "os")!).ToList();
        Assert.Contains(oses, o => o.StartsWith("ubuntu", StringComparison.Ordinal));
        Assert.Contains(oses, o => o.StartsWith("macos", StringComparison.Ordinal));
        Assert.Contains(oses, o => o.StartsWith("windows", StringComparison.Ordinal));
        Assert.Contains("alpine", ActionRunner.Scalar((YamlMappingNode)jobs["build-musl"], "container"), StringComparison.Ordinal);

        var publish = (YamlMappingNode)jobs["publish"];
        Assert.Equal(["build", "build-musl"], ((YamlSequenceNode)publish["needs"]).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("write", ActionRunner.Scalar((YamlMappingNode)publish["permissions"], "contents"));
        Assert.Equal("read", ActionRunner.Scalar((YamlMappingNode)root["permissions"], "contents"));

        var steps = jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>()).ToList();
        var scripts = steps.Select(s => ActionRunner.Scalar(s, "run")).OfType<string>().ToList();
        Assert.Equal(2, scripts.Count(s => s.Contains(".ci/release \"${TAG#v}\" dist", StringComparison.Ordinal)));
        Assert.Contains(scripts, s => s.Contains("sha256sum -c SHA256SUMS", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("gh release create", StringComparison.Ordinal));

        // Values reach scripts through env only; actions are pinned to a major version.
        Assert.All(scripts, s => Assert.DoesNotContain("${{", s, StringComparison.Ordinal));
        Assert.All(steps.Select(s => ActionRunner.Scalar(s, "uses")).OfType<string>(), u => Assert.Matches(@"^[\w.-]+/[\w./-]+@v\d+$", u));
    }
}
