using System.IO.Compression;
using System.Xml.Linq;

namespace PixLint.Tests;

/// <summary>
/// The release script (`.ci/release`), run once for the class on a copy of the sources, for
/// linux-x64: the Native AOT tarball, the dotnet tool packages and the rule docs, with SHA256SUMS.
/// </summary>
public sealed class ReleaseBuild : IDisposable
{
    public const string Version = "0.0.1-test.1";

    /// <summary>The commit the script is told it builds (a copy of the sources has no .git).</summary>
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private readonly TempDir _root = new();

    public ReleaseBuild()
    {
        Sources = Path.Combine(_root.Path, "src-copy");
        Out = Path.Combine(_root.Path, "release");
        Directory.CreateDirectory(Sources);
        string root = TestPaths.RepoRoot;
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "README.md" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(Sources, file));
        }

        foreach (string folder in new[] { "src", "rules", "docs", ".ci" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Sources, relative))!);
                File.Copy(file, Path.Combine(Sources, relative));
            }
        }

        Build = ExternalTools.Run("bash", [Path.Combine(Sources, ".ci", "release"), Version, Out], Sources, TimeSpan.FromMinutes(25), new Dictionary<string, string>
        {
            ["PIXLINT_RELEASE_RIDS"] = "linux-x64",
            ["PIXLINT_COMMIT"] = Commit,
        });
    }

    public string Sources { get; }

    public string Out { get; }

    internal ProcessResult Build { get; }

    public string Scratch => _root.Path;

    public void Dispose() => _root.Dispose();
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ReleaseTests(ReleaseBuild release) : IClassFixture<ReleaseBuild>
{
    private const string Tarball = $"pixlint-{ReleaseBuild.Version}-linux-x64.tar.gz";

    private ProcessResult Run(string program, string[] args, string? cwd = null) =>
        ExternalTools.Run(program, args, cwd ?? release.Out, TimeSpan.FromMinutes(5));

    [Fact]
    public void The_release_has_the_tarball_the_tool_packages_the_rule_docs_and_their_checksums()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        string v = ReleaseBuild.Version;
        Assert.Equal(
            [$"PixLint.{v}.nupkg", $"PixLint.any.{v}.nupkg", $"PixLint.linux-x64.{v}.nupkg", "SHA256SUMS", Tarball, $"pixlint-{v}-rules.tar.gz"],
            Directory.EnumerateFiles(release.Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var check = Run("sha256sum", ["-c", "SHA256SUMS"]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(5, File.ReadAllLines(Path.Combine(release.Out, "SHA256SUMS")).Length);

        // The check can fail: a tarball changed by one byte does not pass.
        string tampered = Path.Combine(release.Scratch, "tampered");
        Directory.CreateDirectory(tampered);
        File.Copy(Path.Combine(release.Out, "SHA256SUMS"), Path.Combine(tampered, "SHA256SUMS"));
        foreach (string file in Directory.EnumerateFiles(release.Out).Where(f => !f.EndsWith("SHA256SUMS", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(tampered, Path.GetFileName(file)));
        }

        using (var stream = File.OpenWrite(Path.Combine(tampered, Tarball)))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x42);
        }

        Assert.NotEqual(0, Run("sha256sum", ["-c", "--quiet", "SHA256SUMS"], tampered).ExitCode);
    }

    [Fact]
    public void The_tarball_unpacked_anywhere_lints_the_samples_and_reports_version_and_commit()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        using var dir = new TempDir();
        var untar = Run("tar", ["-xzf", Path.Combine(release.Out, Tarball), "-C", dir.Path]);
        Assert.True(untar.ExitCode == 0, untar.ToString());
        string folder = Path.Combine(dir.Path, $"pixlint-{ReleaseBuild.Version}-linux-x64");
        Assert.Equal(["README.md", "pixlint"], Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string binary = Path.Combine(folder, "pixlint");
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(binary)[..4]);

        var version = Run(binary, ["--version"]);
        Assert.Equal($"{ReleaseBuild.Version}+{ReleaseBuild.Commit}", version.Stdout.Trim());

        // The same report as this build's.
        var lint = ExternalTools.Run(binary, ["lint", "samples"], TestPaths.RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.Equal(CliRunner.Run(["lint", "samples"]).Stdout, lint.Stdout);
    }

    [Fact]
    public void The_tool_package_installs_from_a_local_folder_as_the_native_binary_runs_and_uninstalls()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        using var dir = new TempDir();
        string config = dir.Write("nuget.config", $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"release\" value=\"{release.Out}\" /></packageSources></configuration>\n");
        string tools = Path.Combine(dir.Path, "tools");
        var install = Run("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "PixLint", "--version", ReleaseBuild.Version]);
        Assert.True(install.ExitCode == 0, install.ToString());

        // On linux-x64 the CLI picked the RID-specific package: the AOT binary, not an apphost beside pixlint.dll.
        string pixlint = Path.Combine(tools, "pixlint");
        string target = new FileInfo(pixlint).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pixlint;
        Assert.Contains($"{Path.DirectorySeparatorChar}pixlint.linux-x64{Path.DirectorySeparatorChar}", target, StringComparison.Ordinal);
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(target)[..4]);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(tools, ".store"), "pixlint.dll", SearchOption.AllDirectories), _ => true);

        var lint = ExternalTools.Run(pixlint, ["lint", "samples/pix63-mailguard.cfg"], TestPaths.RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.StartsWith("samples/pix63-mailguard.cfg:24:1: error SMTP001 ", lint.Stdout, StringComparison.Ordinal);
        Assert.StartsWith(ReleaseBuild.Version + "+", Run(pixlint, ["--version"]).Stdout, StringComparison.Ordinal);

        var uninstall = Run("dotnet", ["tool", "uninstall", "--tool-path", tools, "PixLint"]);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(File.Exists(pixlint));
    }

    [Fact]
    public void The_top_level_package_points_to_the_native_and_the_framework_dependent_packages()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        string v = ReleaseBuild.Version;
        using (var top = ZipFile.OpenRead(Path.Combine(release.Out, $"PixLint.{v}.nupkg")))
        {
            var settings = XDocument.Load(top.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).Open());
            Assert.Equal(
                [("linux-x64", "PixLint.linux-x64"), ("any", "PixLint.any")],
                settings.Descendants("RuntimeIdentifierPackage").Select(p => ((string)p.Attribute("RuntimeIdentifier")!, (string)p.Attribute("Id")!)));
            Assert.Contains(top.Entries, e => e.FullName == "README.md");
        }

        // The fallback is the framework-dependent tool: it runs wherever .NET does.
        using var dir = new TempDir();
        ZipFile.ExtractToDirectory(Path.Combine(release.Out, $"PixLint.any.{v}.nupkg"), dir.Path);
        string dll = Directory.EnumerateFiles(dir.Path, "pixlint.dll", SearchOption.AllDirectories).Single();
        var lint = ExternalTools.Run("dotnet", [dll, "lint", "samples/pix63-mailguard.cfg"], TestPaths.RepoRoot, TimeSpan.FromMinutes(2));
        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.StartsWith("samples/pix63-mailguard.cfg:24:1: error SMTP001 ", lint.Stdout, StringComparison.Ordinal);

        using var native = ZipFile.OpenRead(Path.Combine(release.Out, $"PixLint.linux-x64.{v}.nupkg"));
        Assert.Contains(native.Entries, e => e.Name == "pixlint");
        Assert.DoesNotContain(native.Entries, e => e.Name == "pixlint.dll");
    }

    [Fact]
    public void The_action_downloads_the_release_for_the_runner_and_verifies_its_checksum()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        using var releases = new TempDir();
        string folder = Path.Combine(releases.Path, "v" + ReleaseBuild.Version);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(release.Out, Tarball), Path.Combine(folder, Tarball));
        File.Copy(Path.Combine(release.Out, "SHA256SUMS"), Path.Combine(folder, "SHA256SUMS"));
        var inputs = new Dictionary<string, string> { ["version"] = ReleaseBuild.Version, ["release-url"] = new Uri(releases.Path).AbsoluteUri };

        using (var runner = new ActionRunner())
        {
            var download = runner.RunStep("Download pixlint", inputs, TestPaths.RepoRoot);
            Assert.True(download.ExitCode == 0, download.ToString());
            Assert.Equal("true", runner.Outputs("download")["found"]);
            Assert.Contains($"{ReleaseBuild.Version}+{ReleaseBuild.Commit}", download.Stdout, StringComparison.Ordinal);

            // The lint step runs the downloaded binary (first on PATH): annotations, SARIF and the summary in one run.
            string sarif = Path.Combine(runner.Scratch, "r.sarif");
            var lint = runner.RunStep("Lint", new Dictionary<string, string> { ["path"] = "samples/pix63-mailguard.cfg", ["sarif-file"] = sarif }, TestPaths.RepoRoot);
            Assert.True(lint.ExitCode == 0, lint.ToString());
            Assert.Contains("::error file=samples/pix63-mailguard.cfg,line=24,", lint.Stdout, StringComparison.Ordinal);
            Assert.Equal("1", runner.Outputs("lint")["exit-code"]);
            Assert.True(File.Exists(sarif));
            Assert.Contains("SMTP001", File.ReadAllText(runner.StepSummary), StringComparison.Ordinal);
        }

        // Another version: no release there, so the action builds from source.
        using (var runner = new ActionRunner())
        {
            var missing = runner.RunStep("Download pixlint", new Dictionary<string, string>(inputs) { ["version"] = "9.9.9" }, TestPaths.RepoRoot);
            Assert.True(missing.ExitCode == 0, missing.ToString());
            Assert.Equal("false", runner.Outputs("download")["found"]);
        }

        // A tarball that does not match SHA256SUMS fails the step: it is not run, and not replaced by a build.
        using (var stream = File.OpenWrite(Path.Combine(folder, Tarball)))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x42);
        }

        using (var runner = new ActionRunner())
        {
            var tampered = runner.RunStep("Download pixlint", inputs, TestPaths.RepoRoot);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains($"::error title=pixlint::{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(Tarball))}.tar.gz does not match its SHA256SUMS entry", tampered.Stdout, StringComparison.Ordinal);
            Assert.False(runner.Outputs("download").ContainsKey("found"));
        }
    }

    [Fact]
    public void The_rule_docs_archive_holds_every_rule_page_and_the_rule_language()
    {
        Assert.True(release.Build.ExitCode == 0, release.Build.ToString());
        using var dir = new TempDir();
        Assert.Equal(0, Run("tar", ["-xzf", Path.Combine(release.Out, $"pixlint-{ReleaseBuild.Version}-rules.tar.gz"), "-C", dir.Path]).ExitCode);
        string folder = Path.Combine(dir.Path, $"pixlint-{ReleaseBuild.Version}-rules");
        Assert.True(File.Exists(Path.Combine(folder, "rule-language.md")));
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs", "rules"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(Path.Combine(folder, "rules")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
