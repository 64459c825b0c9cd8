using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace PixLint.Tests;

/// <summary>
/// The action's install step, run once for the class: it packs the tool from a copy of the sources
/// (`dotnet pack`, Release) and installs it with `dotnet tool install --tool-path` from that folder.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    public InstalledTool()
    {
        Runner = new ActionRunner();
        Install = Runner.RunStep("Install pixlint", new Dictionary<string, string>(), TestPaths.RepoRoot);
        Executable = Path.Combine(Runner.RunnerTemp, "pixlint-tool", OperatingSystem.IsWindows() ? "pixlint.exe" : "pixlint");
    }

    internal ActionRunner Runner { get; }

    internal ProcessResult Install { get; }

    public string Executable { get; }

    public void Dispose() => Runner.Dispose();
}

/// <summary>
/// Distribution: the .NET tool package, the GitHub Action (action.yml) and the pre-commit hooks
/// (.pre-commit-hooks.yaml). There is no GitHub or pre-commit here: their YAML is checked for the
/// structure those tools require, and the commands they wrap are run for real.
/// </summary>
public class DistributionTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    private static readonly Dictionary<string, string> NoInputs = [];

    private ProcessResult Pixlint(params string[] args) => ExternalTools.Run(tool.Executable, args, TestPaths.RepoRoot);

    [Fact]
    public void The_tool_package_installs_and_runs()
    {
        Assert.True(tool.Install.ExitCode == 0, tool.Install.ToString());
        Assert.True(File.Exists(tool.Executable), tool.Install.ToString());

        var version = Pixlint("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(Output.ToolInfo.Version, version.Stdout, StringComparison.Ordinal);

        var lint = Pixlint("lint", "samples/pix63-mailguard.cfg");
        Assert.Equal(1, lint.ExitCode);
        Assert.StartsWith("samples/pix63-mailguard.cfg:24:1: error SMTP001 ", lint.Stdout, StringComparison.Ordinal);

        var clean = Pixlint("lint", "samples/asa916-allow-tls.cfg", "--fail-on", "error", "-f", "sarif");
        Assert.Equal(0, clean.ExitCode);
        using var sarif = JsonDocument.Parse(clean.Stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void The_package_is_a_dotnet_tool_named_pixlint_with_the_readme()
    {
        string package = Directory.EnumerateFiles(Path.Combine(tool.Runner.RunnerTemp, "pixlint-nupkg"), "*.nupkg").Single();
        Assert.Equal($"PixLint.{Output.ToolInfo.Version}.nupkg", Path.GetFileName(package));
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using (var stream = settings.Open())
        {
            var command = XDocument.Load(stream).Descendants("Command").Single();
            Assert.Equal("pixlint", (string)command.Attribute("Name")!);
        }

        // English only: no satellite resource assemblies.
        Assert.DoesNotContain(names, n => n.EndsWith(".resources.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Action_yml_has_the_structure_github_requires()
    {
        var action = tool.Runner.Action;
        Assert.False(string.IsNullOrWhiteSpace(ActionRunner.Scalar(action, "name")));
        Assert.False(string.IsNullOrWhiteSpace(ActionRunner.Scalar(action, "description")));
        foreach (var (name, input) in ((YamlMappingNode)action["inputs"]).Children)
        {
            Assert.False(string.IsNullOrWhiteSpace(ActionRunner.Scalar((YamlMappingNode)input, "description")), $"input {name} has no description");
        }

        foreach (var (name, output) in ((YamlMappingNode)action["outputs"]).Children)
        {
            Assert.StartsWith("${{ steps.", ActionRunner.Scalar((YamlMappingNode)output, "value"), StringComparison.Ordinal);
        }

        var runs = (YamlMappingNode)action["runs"];
        Assert.Equal("composite", ActionRunner.Scalar(runs, "using"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in tool.Runner.Steps)
        {
            string? run = ActionRunner.Scalar(step, "run");
            string? uses = ActionRunner.Scalar(step, "uses");
            Assert.True((run is null) != (uses is null), "each step has either run or uses");
            Assert.False(string.IsNullOrWhiteSpace(ActionRunner.Scalar(step, "name")));
            if (ActionRunner.Scalar(step, "id") is { } id)
            {
                Assert.True(ids.Add(id), $"duplicate step id {id}");
            }

            if (run is not null)
            {
                // Composite run steps must name their shell; inputs reach scripts through env only.
                Assert.Equal("bash", ActionRunner.Scalar(step, "shell"));
                Assert.DoesNotContain("${{", run, StringComparison.Ordinal);
            }
            else
            {
                Assert.Matches(@"^[\w.-]+/[\w./-]+@v\d+$", uses);
            }
        }

        var upload = tool.Runner.Steps.Single(s => ActionRunner.Scalar(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal("${{ steps.lint.outputs.sarif-file }}", ActionRunner.Scalar((YamlMappingNode)upload["with"], "sarif_file"));
        Assert.Contains("steps.lint.outputs.sarif-written == 'true'", ActionRunner.Scalar(upload, "if"), StringComparison.Ordinal);
    }

    [Fact]
    public void Action_lint_step_annotates_writes_sarif_and_the_last_step_fails_the_job()
    {
        string sarif = Path.Combine(tool.Runner.Scratch, "findings.sarif");
        var inputs = new Dictionary<string, string> { ["path"] = "samples/pix63-mailguard.cfg samples/asa98-default-policy.cfg", ["sarif-file"] = sarif };
        var lint = tool.Runner.RunStep("Lint", inputs, TestPaths.RepoRoot);
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Contains("::error file=samples/pix63-mailguard.cfg,line=24,col=1,endLine=24,endColumn=23,title=SMTP001::", lint.Stdout, StringComparison.Ordinal);
        var outputs = tool.Runner.Outputs("lint");
        Assert.Equal("1", outputs["exit-code"]);
        Assert.Equal(sarif, outputs["sarif-file"]);
        Assert.Equal("true", outputs["sarif-written"]);
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(sarif)))
        {
            Assert.Equal(3, doc.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        }

        // The upload step would get the report; then the result step fails the job with pixlint's code.
        var upload = tool.Runner.Steps.Single(s => ActionRunner.Scalar(s, "name") == "Upload SARIF to code scanning");
        Assert.Equal(sarif, tool.Runner.Resolve(ActionRunner.Scalar((YamlMappingNode)upload["with"], "sarif_file")!, inputs));
        var result = tool.Runner.RunStep("Result", inputs, TestPaths.RepoRoot);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("::error title=pixlint::findings at or above the fail-on severity", result.Stdout, StringComparison.Ordinal);

        // The same run wrote the job summary.
        string summary = File.ReadAllText(tool.Runner.StepSummary);
        Assert.Contains("| 🔴 error | [SMTP001](https://github.com/pixlint/pixlint/blob/main/docs/rules/SMTP001.md) | `samples/pix63-mailguard.cfg:24:1` |", summary, StringComparison.Ordinal);
        Assert.Contains("Found 3 findings (2 errors, 0 warnings, 1 note) in 2 files.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_downloads_the_release_first_and_builds_from_source_only_without_one()
    {
        var names = tool.Runner.Steps.Select(s => ActionRunner.Scalar(s, "name")).ToList();
        Assert.Equal(["Download pixlint", "Set up .NET", "Install pixlint", "Lint"], names.Take(4));
        foreach (string name in new[] { "Set up .NET", "Install pixlint" })
        {
            Assert.Equal("${{ steps.download.outputs.found != 'true' }}", ActionRunner.Scalar(tool.Runner.Steps.Single(s => ActionRunner.Scalar(s, "name") == name), "if"));
        }

        // No version and no release tag: nothing is downloaded.
        var none = tool.Runner.RunStep("Download pixlint", NoInputs, TestPaths.RepoRoot);
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Equal("false", tool.Runner.Outputs("download")["found"]);
    }

    [Fact]
    public void Action_passes_with_fail_on_error_when_only_notes_are_found()
    {
        string sarif = Path.Combine(tool.Runner.Scratch, "notes.sarif");
        var inputs = new Dictionary<string, string>
        {
            ["path"] = "samples/asa916-allow-tls.cfg", ["fail-on"] = "error", ["annotations"] = "false", ["sarif-file"] = sarif,
            ["args"] = "--ignore SMTP015",
        };
        var lint = tool.Runner.RunStep("Lint", inputs, TestPaths.RepoRoot);
        Assert.DoesNotContain("::notice", lint.Stdout, StringComparison.Ordinal);
        Assert.Equal("0", tool.Runner.Outputs("lint")["exit-code"]);
        Assert.Equal(0, tool.Runner.RunStep("Result", inputs, TestPaths.RepoRoot).ExitCode);
    }

    [Fact]
    public void Pre_commit_hooks_have_the_structure_pre_commit_requires_and_their_entry_runs()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml")))
        {
            yaml.Load(reader);
        }

        var hooks = ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["pixlint", "pixlint-system"], hooks.Select(h => ActionRunner.Scalar(h, "id")));

        // Files a pre-commit run would pass: configurations (one named after its device), a clean one, a Python setup.cfg, notes.
        using var dir = new TempDir();
        dir.Write("fw/edge.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg")));
        dir.Write("fw/mail.conf", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa98-default-policy.cfg")));
        dir.Write("fw/ok.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa916-allow-tls.cfg")));
        dir.Write("setup.cfg", "[metadata]\nname = example\n");
        dir.Write("notes.md", "# notes\n");
        dir.Write("fw/fw01.example.com", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg")));
        string[] staged = ["fw/edge.cfg", "fw/mail.conf", "fw/ok.cfg", "setup.cfg", "notes.md", "fw/fw01.example.com"];

        foreach (var hook in hooks)
        {
            string id = ActionRunner.Scalar(hook, "id")!;
            Assert.False(string.IsNullOrWhiteSpace(ActionRunner.Scalar(hook, "name")), id);
            Assert.Contains(ActionRunner.Scalar(hook, "language"), new[] { "dotnet", "system" });
            string entry = ActionRunner.Scalar(hook, "entry")!;
            // No `files` pattern (pre-commit's default matches every file): the content decides, in pixlint.
            var files = new Regex(ActionRunner.Scalar(hook, "files") ?? string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1));
            var passed = staged.Where(f => files.IsMatch(f)).ToList();
            Assert.Equal(staged, passed);

            string[] words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("pixlint", words[0]);
            var run = ExternalTools.Run(tool.Executable, [.. words[1..], .. passed], dir.Path);
            Assert.True(run.ExitCode == 1, $"{id}: {run}");
            Assert.Contains("fw/edge.cfg:24:1: error SMTP001", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("fw/fw01.example.com:24:1: error SMTP001", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("in 4 files; 2 files skipped (--list-files shows why).", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stderr);

            var clean = ExternalTools.Run(tool.Executable, [.. words[1..], "fw/ok.cfg", "setup.cfg", "--fail-on", "error"], dir.Path);
            Assert.True(clean.ExitCode == 0, $"{id}: {clean}");
        }
    }

    [Fact]
    public void Every_packable_project_is_the_tool()
    {
        // pre-commit's dotnet language packs the repository and installs every package it gets as a
        // tool: only src/PixLint.Cli may produce one.
        var projects = ExternalTools.Run("dotnet", ["sln", "PixLint.sln", "list"], TestPaths.RepoRoot).Stdout
            .Split('\n', StringSplitOptions.TrimEntries).Where(l => l.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(projects);
        var packable = new List<string>();
        foreach (string project in projects)
        {
            var evaluation = ExternalTools.Run("dotnet", ["msbuild", project, "-getProperty:IsPackable", "-getProperty:PackAsTool", "-getProperty:ToolCommandName"], TestPaths.RepoRoot);
            using var doc = JsonDocument.Parse(evaluation.Stdout);
            var properties = doc.RootElement.GetProperty("Properties");
            if (properties.GetProperty("IsPackable").GetString() == "true")
            {
                packable.Add(project.Replace('\\', '/'));
                Assert.Equal("true", properties.GetProperty("PackAsTool").GetString());
                Assert.Equal("pixlint", properties.GetProperty("ToolCommandName").GetString());
            }
        }

        Assert.Equal(["src/PixLint.Cli/PixLint.Cli.csproj"], packable);
    }
}
