using System.Text;
using PixLint.Syntax;

namespace PixLint.Tests;

/// <summary>The one decision "is this a PIX/ASA/FWSM/FTD configuration?", from a file's first bytes.</summary>
public class ConfigSnifferTests
{
    private static SniffResult Sniff(string text, string name = "fw01.example.com") => ConfigSniffer.Sniff(Encoding.UTF8.GetBytes(text), name);

    [Theory]
    [InlineData("ASA Version 9.8(4)\nhostname fw\n", "version line")]
    [InlineData("PIX Version 6.3(5)\n", "version line")]
    [InlineData("FWSM Version 4.1(4) <context>\n", "version line")]
    [InlineData("NGFW Version 7.0.1\n", "version line")]
    [InlineData(": Saved\n:\n", "': Saved' header")]
    [InlineData("!RANCID-CONTENT-TYPE: cisco\n!\n!Chassis type: ASA5510\n!Memory: 256M\n!\nASA Version 9.1(7)\n", "version line")]
    [InlineData("! Cisco Adaptive Security Appliance Software Version 9.8(4)\n! Hardware: ASA5525\n! \nASA Version 9.8(4)\n", "version line")]
    [InlineData("fw01# show running-config\nBuilding configuration...\n: Saved\n", "': Saved' header")]
    [InlineData("fw01/admin> more system:running-config\n!\nhostname fw01\ninterface GigabitEthernet0/0\n nameif outside\naccess-list out extended permit tcp any any eq smtp\n", "lines are PIX/ASA commands")]
    [InlineData("```\nASA Version 9.8(4)\n```\n", "version line")]
    [InlineData("hostname fw\ninterface Ethernet0\n nameif outside\naccess-list A permit tcp any any\nfixup protocol smtp 25\n", "lines are PIX/ASA commands")]
    [InlineData("\uFEFFASA Version 9.8(4)\n", "version line")]
    public void Configurations_are_found_through_their_capture_wrappers(string text, string reason)
    {
        var result = Sniff(text);
        Assert.True(result.IsConfig, result.Reason);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_asa_rest_api_response_holding_a_configuration_is_one()
    {
        var result = Sniff("{\"response\":[\": Saved\\n:\\nASA Version 9.8(4)\\nhostname fw\\n\"]}");
        Assert.True(result.IsConfig, result.Reason);
        Assert.StartsWith("ASA REST API response", result.Reason, StringComparison.Ordinal);
        Assert.False(Sniff("{\"response\":[\"Cisco Adaptive Security Appliance Software Version 9.8(4)\\n\"]}").IsConfig);
        Assert.False(Sniff("{\"name\":\"pixlint\",\"version\":\"1.0\"}").IsConfig);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("fw01.dc1.example.com;cisco;up\npix-hq.corp.example.net;cisco;up\n", "not a PIX/ASA")]
    [InlineData("local_file\trepo\tpath\tlicence\nbatfish/asa\tbatfish/batfish\tASA Version 9.9\tApache-2.0\n", "not a PIX/ASA")]
    [InlineData("[metadata]\nname = example\nversion = 1\n", "not a PIX/ASA")]
    [InlineData("The hostname command names the firewall.\nAn interface needs a nameif.\nSee the access-list docs.\nhostname is also\nlogging matters\n", "not a PIX/ASA")]
    [InlineData("hostname x\ninterface y\n", "not a PIX/ASA")]
    public void Other_files_are_not_configurations(string text, string reason)
    {
        var result = Sniff(text);
        Assert.False(result.IsConfig, result.Reason);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, "PNG image")]
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 }, "gzip archive")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0 }, "ZIP archive")]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1 }, "ELF executable")]
    [InlineData(new byte[] { (byte)'h', (byte)'o', (byte)'s', (byte)'t', 0, 0, 0 }, "NUL bytes")]
    public void Binary_files_are_named_by_their_magic_number(byte[] bytes, string kind)
    {
        var result = ConfigSniffer.Sniff(bytes, "fw.cfg");
        Assert.False(result.IsConfig);
        Assert.Contains(kind, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_is_a_configuration_only_when_a_code_fence_holds_one()
    {
        const string prose = "# Firewalls\n\nASA Version 9.8(4) is what runs here.\n\nhostname fw\ninterface x\naccess-list y\n";
        Assert.False(Sniff(prose, "README.md").IsConfig);

        // Outside Markdown the lines decide: a sentence that starts like a version line is no version
        // line, but three commands making up most of the lines are a (short) configuration.
        var text = Sniff(prose, "notes.txt");
        Assert.True(text.IsConfig, text.Reason);
        Assert.Contains("of its first 4 lines are PIX/ASA commands", text.Reason, StringComparison.Ordinal);
        Assert.False(Sniff("ASA Version 9.8(4) is what runs here.\n", "notes.txt").IsConfig);
        Assert.False(Sniff("# Notes\n\n```sh\nls -l\n```\n", "README.md").IsConfig);
        var fenced = Sniff("# fw01\n\nSaved on Monday:\n\n```\n: Saved\nASA Version 9.8(4)\nhostname fw01\n```\n", "fw01.md");
        Assert.True(fenced.IsConfig, fenced.Reason);
        Assert.StartsWith("Markdown document whose code fence", fenced.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_first_bytes_are_read()
    {
        var late = Encoding.UTF8.GetBytes(new string('x', ConfigSniffer.HeadBytes) + "\nASA Version 9.8(4)\n");
        Assert.False(ConfigSniffer.Sniff(late).IsConfig);
    }

    [Fact]
    public void Every_corpus_configuration_is_one()
    {
        foreach (string file in TestPaths.CorpusFiles())
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file));
            var result = ConfigSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, ConfigSniffer.HeadBytes)), Path.GetFileName(file));
            Assert.True(result.IsConfig, $"{file}: {result.Reason}");
        }

        Assert.False(ConfigSniffer.Sniff(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "SOURCES.tsv")), "SOURCES.tsv").IsConfig);
    }
}
