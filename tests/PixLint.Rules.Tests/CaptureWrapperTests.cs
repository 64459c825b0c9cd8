using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// Acceptance of the capture wrappers and flat captures: each bundled sample, wrapped the way
/// RANCID, Oxidized, a Markdown note, a terminal session, `show tech-support` and the ASA REST
/// API save it, gives the findings of the plain sample on the same commands, and prints back
/// byte for byte.
/// </summary>
public partial class CaptureWrapperTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string sample in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "samples"), "*.cfg").Order(StringComparer.Ordinal))
        {
            foreach (string wrapper in new[] { "rancid", "oxidized", "markdown", "session", "show-tech", "rest", "rest-bare" })
            {
                data.Add(Path.GetFileName(sample), wrapper);
            }
        }

        return data;
    }

    private static string[] Lines(string text) => text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');

    private static string Wrap(string text, string wrapper)
    {
        var lines = Lines(text);
        string body = string.Join("\n", lines);
        return wrapper switch
        {
            "rancid" => "!RANCID-CONTENT-TYPE: cisco\n!\n!Chassis type: ASA5516 - a 5516 security appliance\n!Serial Number: JAD0000000X\n!Image: Software: asa984-15-lfbff-k8.SPA\n!\n" + body + "\n",
            "oxidized" => "! Cisco Adaptive Security Appliance Software Version 9.8(4)15\n! Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\n! Serial Number: JAD0000000X\n! \n" + body + "\n",
            "markdown" => "# Edge firewall\n\nThe running configuration, as asked:\n\n```cisco\n" + body + "\n```\n\nAnything else: `access-list` and `inspect esmtp` here are prose.\n",
            "session" => "fw# show running-config\n: Saved\n" + body + "\nfw# wr term\nBuilding configuration...\n[OK]\nfw# more system:running-config\nfw#\n",
            "show-tech" => "------------------ show version ------------------\n\nCisco Adaptive Security Appliance Software Version 9.8(4)15\nfw up 14 days 2 hours\n\n------------------ show running-config ------------------\n\n" + body
                + "\n\n------------------ show interface ------------------\nInterface GigabitEthernet1/1 \"outside\", is up, line protocol is up\n  inspect esmtp 12 packets\n",
            "rest" => "{\"response\":[\"" + string.Join("\n", lines.Select(l => l + "\\n\\")) + "\n\"]}\n",
            "rest-bare" => "{\"response\": [\"" + string.Join("\n", lines.Select(l => l + " \\")) + "\n\"]}",
            _ => throw new ArgumentException(wrapper),
        };
    }

    /// <summary>The rule and the command text of each finding, in order.</summary>
    private static List<(string RuleId, string Command)> Findings(string text)
    {
        var source = SourceText.FromString("t.cfg", text);
        var report = new Linter(Pack.Options, Pack.Rules).Lint(source);
        return [.. report.Findings.Select(f => (f.RuleId, Command(report.Source, f.Span.Start)))];
    }

    private static string Command(SourceText source, int offset)
    {
        string line = source.GetLineSpan(source.GetPosition(offset).Line - 1).ToString();
        return line.Replace("{\"response\":[\"", string.Empty, StringComparison.Ordinal).TrimEnd('\\', ' ').Replace("\\n", string.Empty, StringComparison.Ordinal).Trim();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_wrapped_sample_gives_the_findings_of_the_plain_one_and_prints_back_exactly(string sample, string wrapper)
    {
        string plain = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "samples", sample));
        string wrapped = Wrap(plain, wrapper);
        var expected = Findings(plain);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Findings(wrapped));

        var tree = ConfigParser.Parse(SourceText.FromString("t.cfg", wrapped));
        using var output = new MemoryStream();
        tree.WriteSource(output);
        Assert.Equal(Encoding.UTF8.GetBytes(wrapped), output.ToArray());
        Assert.DoesNotContain(tree.Diagnostics, d => d.Code is ParseDiagnostic.NotAConfig or ParseDiagnostic.UnrecognizedLine);
    }

    [Fact]
    public void The_rest_response_on_one_line_is_named_not_misread()
    {
        string json = "{\"response\":[\"ASA Version 9.8(4)\\npolicy-map global_policy\\n class inspection_default\\n  inspect esmtp\\nservice-policy global_policy global\\n\"]}";
        var tree = ConfigParser.Parse(SourceText.FromString("t.json", json));
        var error = Assert.Single(tree.Diagnostics, d => d.Code == ParseDiagnostic.NotAConfig);
        Assert.Contains("ASA REST API response", error.Message, StringComparison.Ordinal);
        Assert.Equal(CaptureWrapper.RestOneLine, CaptureWrappers.Find(tree.Source)!.Kind);
    }

    public static TheoryData<string> Samples() => [.. Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "samples"), "*.cfg").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    /// <summary>The REST API CLI response as it came: the whole configuration in JSON strings on one line.</summary>
    private static string RestJson(string text, int parts) => parts == 1
        ? JsonSerializer.Serialize(new { response = new[] { text } })
        : JsonSerializer.Serialize(new { response = Lines(text).Chunk(Math.Max(1, Lines(text).Length / parts)).Select(c => string.Join("\n", c)).ToArray() });

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_rest_response_on_one_line_gives_the_findings_of_the_plain_sample_on_the_same_lines(string sample)
    {
        string plain = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "samples", sample));
        var linter = new Linter(Pack.Options, Pack.Rules);
        var expected = linter.Lint(SourceText.FromString("t.cfg", plain));
        Assert.NotEmpty(expected.Findings);
        foreach (int parts in new[] { 1, 3 })
        {
            string json = RestJson(plain, parts);
            Assert.Single(Lines(json));
            var report = linter.Lint(SourceText.FromString("t.json", json));
            Assert.Equal(
                expected.Findings.Select(f => (f.RuleId, f.Message, expected.Source.GetPosition(f.Span.Start))),
                report.Findings.Select(f => (f.RuleId, f.Message, report.Source.GetPosition(f.Span.Start))));
            Assert.Contains(report.Diagnostics, d => d.Code == ParseDiagnostic.CaptureWrapper && d.Message == RestResponse.Note);
            Assert.DoesNotContain(report.Diagnostics, d => d.Code == ParseDiagnostic.NotAConfig);
        }
    }

    /// <summary>
    /// Every line longer than the terminal width broken there, as a session with `terminal width 80`
    /// saves it. A break on a blank (the continuation would start with a space, like an indented
    /// sub-mode line) is not detectable and is left out: those lines are kept whole.
    /// </summary>
    private static string TerminalWrapped(string text, int width) =>
        string.Concat(Lines(text).Select(l => (l.Length > width && l[width] != ' ' ? l[..width] + "\n" + l[width..] : l) + "\n"));

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_wrapped_at_80_columns_gives_the_findings_of_the_plain_one(string sample)
    {
        string plain = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "samples", sample));
        string wrapped = TerminalWrapped(plain, 80);
        var linter = new Linter(Pack.Options, Pack.Rules);
        var expected = linter.Lint(SourceText.FromString("t.cfg", plain));
        var report = linter.Lint(SourceText.FromString("t.cfg", wrapped));
        Assert.True(sample == "pix63-mailguard.cfg" || wrapped.Length > plain.Length, "some line is wrapped");
        Assert.Equal(expected.Findings.Select(f => (f.RuleId, f.Message)), report.Findings.Select(f => (f.RuleId, f.Message)));
        Assert.Equal(
            expected.Diagnostics.Count(d => d.Code is ParseDiagnostic.UnrecognizedLine or ParseDiagnostic.SyntaxError),
            report.Diagnostics.Count(d => d.Code is ParseDiagnostic.UnrecognizedLine or ParseDiagnostic.SyntaxError));
    }

    [Fact]
    public void Only_a_one_line_rest_response_is_decoded()
    {
        Assert.Null(RestResponse.Decode(SourceText.FromString("t.cfg", "hostname fw\n\ninspect esmtp\n")));
        Assert.Null(RestResponse.Decode(SourceText.FromString("t.json", "{\"response\":[\"hostname fw\\n\\\nfixup protocol smtp 25\\n\\\nnames\\n\\\n\"]}")));
        Assert.Null(RestResponse.Decode(SourceText.FromString("t.json", "{\"response\":[\"hostname fw\\n")));
        Assert.Null(RestResponse.Decode(SourceText.FromString("t.json", "{\"response\":[42]}")));
        var decoded = RestResponse.Decode(SourceText.FromString("t.json", "\uFEFF {\"response\": [\"hostname fw\", \"fixup protocol smtp 25\\n\"]}\n"));
        Assert.Equal("hostname fw\nfixup protocol smtp 25\n", decoded!.Text);
        Assert.Equal("t.json", decoded.Path);
    }

    [Fact]
    public void A_broken_one_line_rest_response_is_still_named_not_misread()
    {
        var report = new Linter(Pack.Options, Pack.Rules).Lint(SourceText.FromString("t.json", "{\"response\":[\"ASA Version 9.8(4)\\ninspect esmtp\\n\"]"));
        var error = Assert.Single(report.Diagnostics, d => d.Code == ParseDiagnostic.NotAConfig);
        Assert.Contains("jq -r", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sniffer_api_tells_where_the_configuration_lines_are()
    {
        var layout = CaptureWrappers.Find(SourceText.FromString("t.md", "notes\n```\nhostname fw\n```\nmore notes\n"));
        Assert.NotNull(layout);
        Assert.Equal((CaptureWrapper.MarkdownFence, 2, 3), (layout.Kind, layout.FirstConfigLine, layout.EndConfigLine));
        Assert.Equal([true, true, false, true, true], Enumerable.Range(0, 5).Select(layout.IsWrapperLine));
        Assert.Null(CaptureWrappers.Find(SourceText.FromString("t.cfg", "hostname fw\n! --- comment ---\n~~~~~~~~\n--------\n")));
    }

    [GeneratedRegex("(?m)^[ \t]+")]
    private static partial Regex LeadingBlanks();

    /// <summary>
    /// A real capture flattened (tests/corpus/real/ciscoconfparse/sample_01.asa, GPL-3.0, see
    /// SOURCES.tsv; its global policy applies `inspect esmtp`): SMTP010 and SMTP012 on that line,
    /// as on the indented file.
    /// </summary>
    [Fact]
    public void A_flat_real_capture_gives_smtp010_and_smtp012_on_its_inspect_esmtp_line()
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.Corpus, "ciscoconfparse", "sample_01.asa"), Encoding.Latin1);
        string flat = LeadingBlanks().Replace(text, string.Empty);
        var findings = Findings(flat);
        Assert.Equal(Findings(text), findings);
        Assert.Contains(("SMTP010", "inspect esmtp"), findings);
        Assert.Contains(("SMTP012", "inspect esmtp"), findings);
    }
}
