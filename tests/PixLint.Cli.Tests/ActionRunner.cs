using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PixLint.Tests;

/// <summary>
/// Runs the `run:` steps of the composite action in action.yml the way a GitHub runner would
/// (bash with `--noprofile --norc -eo pipefail`, step `env:` with `${{ inputs.* }}` and
/// `${{ steps.*.outputs.* }}` resolved, GITHUB_OUTPUT and GITHUB_PATH files), with a copy of the
/// repository's sources as the action's folder. `uses:` steps cannot run here; they are returned
/// with their resolved `with:` values for the test to check.
/// </summary>
internal sealed partial class ActionRunner : IDisposable
{
    private readonly TempDir _root = new();
    private readonly Dictionary<string, Dictionary<string, string>> _outputs = new(StringComparer.Ordinal);
    private readonly List<string> _path = [];

    public ActionRunner()
    {
        Action = Load(Path.Combine(TestPaths.RepoRoot, "action.yml"));
        RunnerTemp = Directory.CreateDirectory(Path.Combine(_root.Path, "runner-temp")).FullName;
        ActionPath = Directory.CreateDirectory(Path.Combine(_root.Path, "action")).FullName;
        CopySources(ActionPath);
    }

    public YamlMappingNode Action { get; }

    public string RunnerTemp { get; }

    /// <summary>GITHUB_ACTION_PATH: the sources the action ships (src, rules, build files, README).</summary>
    public string ActionPath { get; }

    public string Scratch => _root.Path;

    /// <summary>GITHUB_STEP_SUMMARY (one file for every step here; GitHub gives each step its own).</summary>
    public string StepSummary => Path.Combine(_root.Path, "step-summary.md");

    public static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    public IEnumerable<YamlMappingNode> Steps => ((YamlSequenceNode)((YamlMappingNode)Action["runs"])["steps"]).Children.Cast<YamlMappingNode>();

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>Runs the step named <paramref name="name"/> with the given inputs (others take their defaults).</summary>
    public ProcessResult RunStep(string name, IReadOnlyDictionary<string, string> inputs, string workspace)
    {
        var step = Steps.Single(s => Scalar(s, "name") == name);
        string script = Scalar(step, "run") ?? throw new InvalidOperationException($"step '{name}' has no run script");
        Assert.Equal("bash", Scalar(step, "shell"));

        // A step's `if:` is the test's to evaluate: it runs the steps the case would run.

        string id = Scalar(step, "id") ?? name;
        string outputFile = Path.Combine(_root.Path, $"output-{_outputs.Count}-{id}");
        string pathFile = Path.Combine(_root.Path, "github-path");
        File.WriteAllText(outputFile, string.Empty);
        if (!File.Exists(pathFile))
        {
            File.WriteAllText(pathFile, string.Empty);
        }

        string scriptFile = Path.Combine(_root.Path, $"step-{id}.sh");
        File.WriteAllText(scriptFile, script);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RUNNER_TEMP"] = RunnerTemp,
            ["GITHUB_ACTION_PATH"] = ActionPath,
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_OUTPUT"] = outputFile,
            ["GITHUB_PATH"] = pathFile,
            ["GITHUB_STEP_SUMMARY"] = StepSummary,
            ["RUNNER_OS"] = OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Linux",
            ["RUNNER_ARCH"] = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToUpperInvariant(),
            ["PATH"] = string.Join(Path.PathSeparator, _path.Append(Environment.GetEnvironmentVariable("PATH") ?? string.Empty)),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
        {
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
            {
                environment[((YamlScalarNode)key).Value!] = Resolve(((YamlScalarNode)value).Value!, inputs);
            }
        }

        var result = ExternalTools.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], workspace, TimeSpan.FromMinutes(8), environment);
        _outputs[id] = File.ReadAllLines(outputFile).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        _path.Clear();
        _path.AddRange(File.ReadAllLines(pathFile).Where(l => l.Length > 0).Reverse());
        return result;
    }

    public IReadOnlyDictionary<string, string> Outputs(string stepId) => _outputs[stepId];

    /// <summary>`${{ inputs.x }}` (given, else the input's default) and `${{ steps.id.outputs.x }}`; anything else fails the test.</summary>
    public string Resolve(string value, IReadOnlyDictionary<string, string> inputs) => Expression().Replace(value, m =>
    {
        string expression = m.Groups[1].Value.Trim();
        if (expression.StartsWith("inputs.", StringComparison.Ordinal))
        {
            string input = expression["inputs.".Length..];
            var declared = (YamlMappingNode)((YamlMappingNode)Action["inputs"])[input];
            return inputs.TryGetValue(input, out string? given) ? given : Scalar(declared, "default") ?? string.Empty;
        }

        var step = StepOutput().Match(expression);
        if (step.Success)
        {
            return _outputs.TryGetValue(step.Groups[1].Value, out var outputs) && outputs.TryGetValue(step.Groups[2].Value, out string? output) ? output : string.Empty;
        }

        Assert.Fail($"action.yml uses an expression this test cannot evaluate: ${{{{ {expression} }}}}");
        return string.Empty;
    });

    public void Dispose() => _root.Dispose();

    private static void CopySources(string target)
    {
        string root = TestPaths.RepoRoot;
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "README.md" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (string folder in new[] { "src", "rules" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                string destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^steps\.([\w-]+)\.outputs\.([\w-]+)$")]
    private static partial Regex StepOutput();
}
