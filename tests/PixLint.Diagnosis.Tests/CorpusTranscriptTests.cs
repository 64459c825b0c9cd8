using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>
/// Every real transcript in tests/corpus/transcripts (see its SOURCES.tsv, column what_it_shows)
/// with its expected verdict, the rules of the likely cause, and the key evidence lines.
/// </summary>
public class CorpusTranscriptTests
{
    private sealed record Expectation(Verdict Verdict, string[] Rules, string[] Evidence);

    private static readonly Dictionary<string, Expectation> Expected = new(StringComparer.Ordinal)
    {
        // TAMPERED: banner masked keeping 2 and 0, then "500 Unrecognized command" to the (unshown) EHLO.
        ["appriver-pix-mailguard-banner-and-ehlo.txt"] = new(Verdict.CiscoFixup, ["SMTP001"], ["masked-banner@1", "ehlo-refused@2"]),

        // TAMPERED: 250 XXXXXXXA in the EHLO reply (ESMTP inspection without allow-tls).
        ["cisco-118550-esa-behind-asa-xxxxxxxa.txt"] = new(Verdict.CiscoFixup, ["SMTP010"], ["masked-ehlo-keyword@3"]),

        // NOT TAMPERED, non-conformant: 250-STARTTLS before the greeting line.
        ["cisco-212587-nonconformant-ehlo-starttls-first.txt"] = new(Verdict.StartTlsOffered, [], ["greeting@1", "starttls-advertised@3"]),

        // NORMAL: final 250 STARTTLS line.
        ["cisco-212587-normal-ehlo-with-starttls.txt"] = new(Verdict.StartTlsOffered, [], ["greeting@1", "starttls-advertised@6"]),

        // NORMAL, no TLS on the listener: missing STARTTLS is not always a firewall.
        ["cisco-214630-esa-normal-ehlo-no-tls-listener.txt"] = new(Verdict.StartTlsMissing, [], ["greeting@1", "starttls-not-advertised@5"]),

        // CONFOUNDER: Exchange without STARTTLS (X-ANONYMOUSTLS, XEXCH50 ...), STARTTLS rejected 500 5.3.3.
        ["dokuwiki-smtp-issue24-exchange-no-starttls.txt"] = new(Verdict.StartTlsMissing, [], ["greeting@1", "starttls-not-advertised@14", "starttls-rejected@16"]),

        // TAMPERED+BROKEN: masked multi-line banner whose second line lost its code.
        ["gordano-banner-masked-multiline-broken.txt"] = new(Verdict.CiscoFixup, ["SMTP001", "SMTP010", "SMTP012"], ["masked-banner@1", "broken-banner@2"]),

        // TAMPERED: 220 followed by asterisks only.
        ["gordano-banner-masked-singleline.txt"] = new(Verdict.CiscoFixup, ["SMTP001", "SMTP010", "SMTP012"], ["masked-banner@1"]),

        // NORMAL banners alone: nothing about STARTTLS.
        ["gordano-banner-normal-multiline.txt"] = new(Verdict.Inconclusive, [], ["greeting@1"]),
        ["gordano-banner-normal-singleline.txt"] = new(Verdict.Inconclusive, [], ["greeting@1"]),

        // TAMPERED (indirect): a bounce quoting Command unrecognized: "XXXXXXXX".
        ["perfectmail-gmail-bounce-xxxxxxxx.txt"] = new(Verdict.CiscoFixup, ["SMTP010"], ["masked-command@1"]),

        // TAMPERED: FWSM masked banner.
        ["serverfault-398147-fwsm-masked-banner.txt"] = new(Verdict.CiscoFixup, ["SMTP001", "SMTP010", "SMTP012"], ["masked-banner@1"]),

        // CONFOUNDER: Postfix without TLS, STARTTLS gets 502 5.5.1 command not implemented.
        ["statping-issue164-postfix-no-tls.txt"] = new(Verdict.StartTlsMissing, [], ["starttls-not-advertised@7", "starttls-rejected@9"]),

        // NORMAL: 250 STARTTLS last, STARTTLS accepted with 220 OK.
        ["zetacomponents-pr52-normal-starttls-587.txt"] = new(Verdict.StartTlsOffered, [], ["starttls-advertised@5", "starttls-accepted@7"]),
    };

    public static TheoryData<string, string> Cases() => Analyze.EveryVariantOf(Expected.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transcript_gets_its_verdict_and_evidence(string file, string variant)
    {
        var expected = Expected[file];
        var diagnosis = Analyze.File(Path.Combine(TestPaths.Transcripts, file), variant);

        Assert.Equal(expected.Verdict, diagnosis.Verdict);
        Assert.Equal(expected.Rules, diagnosis.Cause?.RuleIds ?? []);
        Assert.Equal(expected.Evidence, Analyze.Evidence(diagnosis));
        Assert.NotEmpty(diagnosis.NextSteps);
    }

    [Fact]
    public void Every_transcript_in_the_corpus_has_an_expectation_and_a_source()
    {
        var sources = File.ReadAllLines(Path.Combine(TestPaths.Transcripts, "SOURCES.tsv")).Skip(1)
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c[2], StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(TestPaths.Transcripts, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, Expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(files, sources.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>SOURCES.tsv says TAMPERED for exactly the transcripts PixLint calls cisco-fixup.</summary>
    [Fact]
    public void Verdicts_agree_with_what_the_sources_say()
    {
        foreach (string row in File.ReadAllLines(Path.Combine(TestPaths.Transcripts, "SOURCES.tsv")).Skip(1))
        {
            string[] cells = row.Split('\t');
            bool tampered = cells[2].StartsWith("TAMPERED", StringComparison.Ordinal);
            Assert.True(tampered == (Expected[cells[0]].Verdict == Verdict.CiscoFixup), cells[0]);
        }
    }
}
