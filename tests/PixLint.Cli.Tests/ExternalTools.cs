using System.Diagnostics;
using System.Text.Json;

namespace PixLint.Tests;

/// <summary>
/// The programs some tests run: the SARIF multitool (npm) and headless Chromium (Debian). `.ci/run`
/// installs both; a test that needs one fails, saying how to install it, when it is missing.
/// </summary>
internal static class ExternalTools
{
    /// <summary>The pinned multitool version (`.ci/run` installs exactly this one).</summary>
    public const string SarifMultitoolVersion = "5.7.0";

    public static string ToolsFolder => Path.Combine(TestPaths.RepoRoot, ".tools");

    /// <summary>The multitool's native executable (npm's `bin` wrapper runs it through a shell, which mangles arguments).</summary>
    public static string SarifMultitool()
    {
        string install = $"npm install --prefix .tools @microsoft/sarif-multitool@{SarifMultitoolVersion} (as .ci/run does)";
        string? configured = Environment.GetEnvironmentVariable("PIXLINT_SARIF_MULTITOOL");
        if (configured is not null)
        {
            return File.Exists(configured) ? configured : Fail<string>($"PIXLINT_SARIF_MULTITOOL={configured} does not exist");
        }

        string package = Path.Combine(ToolsFolder, "node_modules", "@microsoft", "sarif-multitool", "package.json");
        if (!File.Exists(package))
        {
            return Fail<string>($"the SARIF multitool is not installed in {ToolsFolder}: run {install}");
        }

        using (var doc = JsonDocument.Parse(File.ReadAllBytes(package)))
        {
            string? version = doc.RootElement.GetProperty("version").GetString();
            if (version != SarifMultitoolVersion)
            {
                Fail<string>($"the SARIF multitool in {ToolsFolder} is {version}, the tests pin {SarifMultitoolVersion}: run {install}");
            }
        }

        string platform = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string exe = Path.Combine(ToolsFolder, "node_modules", "@microsoft", $"sarif-multitool-{platform}", OperatingSystem.IsWindows() ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        return File.Exists(exe) ? exe : Fail<string>($"{exe} is missing (npm did not install the {platform} package): run {install}");
    }

    /// <summary>The pinned action-validator version (`./test.sh` installs exactly this one).</summary>
    public const string ActionValidatorVersion = "0.6.0";

    /// <summary>action-validator (npm): checks GitHub workflow and action YAML against their published schemas.</summary>
    public static string ActionValidator()
    {
        string install = $"npm install --prefix .tools @action-validator/cli@{ActionValidatorVersion} (as ./test.sh does)";
        string package = Path.Combine(ToolsFolder, "node_modules", "@action-validator", "cli", "package.json");
        if (!File.Exists(package))
        {
            return Fail<string>($"action-validator is not installed in {ToolsFolder}: run {install}");
        }

        using (var doc = JsonDocument.Parse(File.ReadAllBytes(package)))
        {
            string? version = doc.RootElement.GetProperty("version").GetString();
            if (version != ActionValidatorVersion)
            {
                Fail<string>($"action-validator in {ToolsFolder} is {version}, the tests pin {ActionValidatorVersion}: run {install}");
            }
        }

        return Path.Combine(ToolsFolder, "node_modules", ".bin", "action-validator");
    }

    /// <summary>Chromium (or Chrome) for headless rendering.</summary>
    public static string Chromium()
    {
        string? configured = Environment.GetEnvironmentVariable("PIXLINT_CHROMIUM");
        if (configured is not null)
        {
            return File.Exists(configured) ? configured : Fail<string>($"PIXLINT_CHROMIUM={configured} does not exist");
        }

        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Fail<string>("headless Chromium is not installed: run `apt-get install chromium` (as .ci/run does), or set PIXLINT_CHROMIUM");
    }

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>), capturing its output.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', info.ArgumentList)} did not finish within {limit.TotalSeconds:0} s; stderr: {stderr.Result}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static T Fail<T>(string message)
    {
        Assert.Fail(message);
        return default!;
    }
}

/// <summary>What a program printed and returned.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
