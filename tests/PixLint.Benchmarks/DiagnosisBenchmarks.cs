using System.Text;
using BenchmarkDotNet.Attributes;
using PixLint.Diagnosis;
using PixLint.Text;

namespace PixLint.Benchmarks;

/// <summary>
/// `pixlint diagnose` on long captured sessions: a swaks transcript whose DATA holds N lines (the
/// usual way a capture gets long), read into lines and analysed.
/// </summary>
[MemoryDiagnoser]
public class DiagnosisBenchmarks
{
    private SourceText _source = null!;
    private Transcript _transcript = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = SourceText.From("session.txt", Encoding.UTF8.GetBytes(GeneratedTranscript(Lines)));
        _transcript = TranscriptReader.Read(_source);

        // The benchmarked code must still give the right answer on this input.
        var diagnosis = SessionAnalyzer.Analyze(_transcript);
        if (diagnosis.Verdict != Verdict.CiscoFixup || diagnosis.Evidence.Count != 3 || _transcript.Lines.Count != Lines + 19)
        {
            throw new InvalidOperationException($"unexpected diagnosis of the generated transcript: {diagnosis.Verdict}, {diagnosis.Evidence.Count} pieces of evidence, {_transcript.Lines.Count} lines");
        }
    }

    /// <summary>A swaks session through an ASA (masked banner, XXXXXXXA) carrying a message of <paramref name="bodyLines"/> lines.</summary>
    public static string GeneratedTranscript(int bodyLines)
    {
        var sb = new StringBuilder();
        sb.Append("=== Trying 192.0.2.25:25...\n=== Connected to 192.0.2.25.\n<-  220 ******************2*0*0*****\n -> EHLO client.example.net\n");
        sb.Append("<-  250-mx.example.com\n<-  250-PIPELINING\n<-  250-XXXXXXXA\n<-  250 8BITMIME\n*** Host did not advertise STARTTLS\n");
        sb.Append(" -> MAIL FROM:<a@example.net>\n<-  250 2.1.0 Ok\n -> RCPT TO:<b@example.com>\n<-  250 2.1.5 Ok\n -> DATA\n<-  354 End data with <CR><LF>.<CR><LF>\n");
        for (int i = 0; i < bodyLines; i++)
        {
            sb.Append(" -> line ").Append(i).Append(" of the message body, 250 characters of nothing in particular\n");
        }

        sb.Append(" -> .\n<-  250 2.0.0 Ok: queued\n -> QUIT\n<-  221 2.0.0 Bye\n");
        return sb.ToString();
    }

    [Benchmark(Description = "read transcript")]
    public Transcript Read() => TranscriptReader.Read(_source);

    [Benchmark(Description = "analyze")]
    public SessionDiagnosis Analyze() => SessionAnalyzer.Analyze(_transcript);

    [Benchmark(Description = "bytes to verdict")]
    public SessionDiagnosis EndToEnd() => SessionAnalyzer.Analyze(TranscriptReader.Read(_source));
}
