using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

public class IdentityTests
{
    public static TheoryData<string> CorpusWithVersion() =>
        [.. TestPaths.CorpusSources().Values.Where(r => r["version"].Length > 0).Select(r => r["local_file"])];

    /// <summary>Platform and version are right for every corpus config that has a version line (SOURCES.tsv's `version` column).</summary>
    [Theory]
    [MemberData(nameof(CorpusWithVersion))]
    public void Platform_and_version_of_every_corpus_config(string file)
    {
        string header = TestPaths.CorpusSources()[file]["version"];
        string[] words = header.Split(' ');
        var (platform, version) = words[0] == "Compiled"
            ? (words[2] == "pix" && OsVersion.TryParse(words[3], out var v) && v >= OsVersion.Parse("8.1") ? "asa" : words[2], words[3])
            : (words[0] == "NGFW" ? "ftd" : words[0].ToLowerInvariant(), words[2]);

        var tree = ConfigParser.Parse(SourceText.From(file, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file))));
        var device = ModelBuilder.Build(tree, new ModelOptions(DefaultsLoader.Default)).Device;
        Assert.Equal(platform, device.Platform.ToName());
        Assert.Equal(version, device.Version?.Text ?? device.VersionText);
    }

    /// <summary>Without a version line: a version in a comment header, or a system context (only an ASA has one).</summary>
    [Theory]
    [InlineData(": Saved\n: ASA Version 9.1(5) <context>\n!\nhostname fw\n", "asa", "9.1(5)", IdentitySource.CommentHeader)]
    [InlineData("! Cisco Adaptive Security Appliance Software Version 9.8(4)15\n! Hardware: ASA5516\nhostname fw\n", "asa", "9.8(4)15", IdentitySource.CommentHeader)]
    [InlineData("! PIX Version 6.3(5)\nhostname fw\n", "pix", "6.3(5)", IdentitySource.CommentHeader)]
    [InlineData("mode multiple\nhostname fw\n", "asa", null, IdentitySource.Inferred)]
    [InlineData("hostname fw\ncontext admin\n allocate-interface Ethernet0/0\n config-url disk0:/admin.cfg\n", "asa", null, IdentitySource.Inferred)]
    [InlineData("hostname fw\nfailover group 1\n primary\n", "asa", null, IdentitySource.Inferred)]
    [InlineData("ASA Version 9.8(4)\n: ASA Version 9.1(5)\n", "asa", "9.8(4)", IdentitySource.VersionHeader)]
    public void Platform_and_version_from_other_evidence(string text, string platform, string? version, IdentitySource source)
    {
        var device = ModelHelper.Build(text).Device;
        Assert.Equal((platform, version, source), (device.Platform.ToName(), device.Version?.Text, device.Source));
    }

    [Theory]
    [InlineData("PIX Version 6.3(5)\nfixup protocol smtp 25\n", InspectionGeneration.Fixup)]
    [InlineData("PIX Version 7.2(1)\n", InspectionGeneration.Mpf)]
    [InlineData("FWSM Version 2.3(2)\n", InspectionGeneration.Fixup)]
    [InlineData("FWSM Version 3.1(4)\n", InspectionGeneration.Mpf)]
    [InlineData("NGFW Version 7.2.5\n", InspectionGeneration.Mpf)]
    [InlineData("fixup protocol smtp 25\n", InspectionGeneration.Fixup)]
    [InlineData("policy-map global_policy\n class inspection_default\n  inspect esmtp\n", InspectionGeneration.Mpf)]
    [InlineData("hostname fw\n", InspectionGeneration.Unknown)]
    public void Generation(string text, InspectionGeneration generation) =>
        Assert.Equal(generation, ModelHelper.Build(text).Device.Generation);

    [Fact]
    public void Command_line_fills_in_what_the_file_lacks()
    {
        var device = ModelHelper.Build("hostname fw\n", DevicePlatform.Asa, "9.1(7)").Device;
        Assert.Equal((DevicePlatform.Asa, "9.1(7)", IdentitySource.CommandLine), (device.Platform, device.Version?.Text, device.Source));

        var fromFile = ModelHelper.Build("ASA Version 9.8(4)\n", DevicePlatform.Pix, "6.3(5)").Device;
        Assert.Equal((DevicePlatform.Asa, "9.8(4)"), (fromFile.Platform, fromFile.Version?.Text));
    }

    [Fact]
    public void Unparseable_version_is_a_diagnostic()
    {
        var model = ModelHelper.Build("ASA Version this-is-an-ASA\n");
        Assert.Contains(model.Diagnostics, d => d.Code == ParseDiagnostic.UnknownVersion);
        Assert.Equal(InspectionGeneration.Mpf, model.Device.Generation);
    }

    [Theory]
    [InlineData("ASA Version 9.8(4)\nhostname fw\n", InputKind.RunningConfig)]
    [InlineData("! Compiled for pix 6.3\nfixup protocol smtp 25\n", InputKind.CommandScript)]
    [InlineData("hostname fw\nclear config access-list A\n", InputKind.CommandScript)]
    [InlineData("ASA Version 9.12(4)37 <system>\n", InputKind.SystemContext)]
    [InlineData("ASA Version 9.8(4)\ncontext MAIL\n config-url disk0:/mail.cfg\n", InputKind.SystemContext)]
    public void Input_kind(string text, InputKind kind) => Assert.Equal(kind, ModelHelper.Build(text).InputKind);

    [Theory]
    [InlineData("6.3(5)", 6, 3, 5, 0)]
    [InlineData("6.3(5)122", 6, 3, 5, 122)]
    [InlineData("9.12(4)37", 9, 12, 4, 37)]
    [InlineData("7.2.5", 7, 2, 5, 0)]
    [InlineData("9.9", 9, 9, 0, 0)]
    [InlineData("4.x", 4, 0, 0, 0)]
    public void Version_numbers(string text, int major, int minor, int maintenance, int interim)
    {
        var v = OsVersion.Parse(text);
        Assert.Equal((major, minor, maintenance, interim), (v.Major, v.Minor, v.Maintenance, v.Interim));
    }

    [Theory]
    [InlineData("7.2(2)", "7.2(3)", -1)]
    [InlineData("8.0(3)", "8.0(2)", 1)]
    [InlineData("9.12(4)37", "9.12(4)", 1)]
    [InlineData("9.8(4)", "9.12(1)", -1)]
    public void Versions_compare_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(OsVersion.Parse(a).CompareTo(OsVersion.Parse(b))));

    [Theory]
    [InlineData("this-is-an-ASA")]
    [InlineData("9")]
    [InlineData("9.8(")]
    [InlineData("9.8(4")]
    [InlineData("v9.8")]
    public void Not_versions(string text) => Assert.False(OsVersion.TryParse(text, out _));
}
