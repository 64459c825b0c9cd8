using System.Net;
using System.Net.Sockets;
using PixLint.Diagnosis;
using PixLint.Output;
using PixLint.Text;

namespace PixLint.Fuzz;

/// <summary>
/// The fuzz targets of the mail side (issue 19): transcript bytes for `pixlint diagnose`, and bytes a
/// server sends for `pixlint probe`. What counts as a crash: any exception from reading, analysing or
/// writing the report (a transcript that makes no sense is a verdict, never an exception), a probe
/// that throws instead of returning its failure, and a probe whose transcript is larger than its
/// reply limits allow. A hang and running out of memory are crashes too.
/// </summary>
public static class SmtpFuzzTargets
{
    private static readonly FormatOptions Format = new() { WorkingDirectory = "/fuzz" };

    /// <summary>Transcript bytes → read (every tool's format), analyse, every diagnosis format.</summary>
    public static void Transcript(byte[] bytes)
    {
        var source = SourceText.From("fuzz.txt", bytes);
        var transcript = TranscriptReader.Read(source);
        var diagnosis = SessionAnalyzer.Analyze(transcript);
        WriteReports(new DiagnosisReport("fuzz.txt", transcript, diagnosis));
    }

    /// <summary>
    /// Bytes a server sends → `probe` against a loopback server that sends them on connect and then
    /// closes the connection (the probe reads its replies out of them in turn: greeting, EHLO, STARTTLS).
    /// </summary>
    public static void ProbeReply(byte[] bytes)
    {
        var server = Server.Value;
        var serving = Task.Run(async () =>
        {
            using var client = await server.AcceptAsync().ConfigureAwait(false);
            try
            {
                await client.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Send);
                var sink = new byte[4096];
                while (await client.ReceiveAsync(sink, SocketFlags.None).ConfigureAwait(false) > 0)
                {
                    // Drain the probe's commands until it closes.
                }
            }
            catch (SocketException)
            {
                // The probe gave up first.
            }
        });

        var target = ProbeTarget.Parse($"127.0.0.1:{((IPEndPoint)server.LocalEndPoint!).Port}", out _)!;
        var result = SmtpProbe.RunAsync(new ProbeOptions(target) { Timeout = TimeSpan.FromSeconds(3) }).GetAwaiter().GetResult();
        serving.Wait(TimeSpan.FromSeconds(5));

        // Greeting, EHLO, HELO, STARTTLS, EHLO, QUIT: at most six replies, each within the limits, and a few lines of the probe's own.
        int limit = 6 * (SmtpProbe.MaxReplyLines + 2) + 32;
        Check(result.TranscriptLines.Count <= limit, $"the transcript has {result.TranscriptLines.Count} lines, more than the reply limits allow ({limit})");
        var transcript = result.ReadTranscript();
        var diagnosis = result.Diagnose();
        WriteReports(new DiagnosisReport(target.Display, transcript, diagnosis) { Probe = result });
    }

    /// <summary>One loopback listener for the whole fuzzing process (a free port).</summary>
    private static readonly Lazy<Socket> Server = new(() =>
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        return listener;
    });

    private static void WriteReports(DiagnosisReport report)
    {
        IDiagnosisFormatter[] formatters = [new DiagnosisTextFormatter(), new DiagnosisJsonFormatter()];
        foreach (var formatter in formatters)
        {
            formatter.Write(report, Stream.Null, Format);
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolationException(message);
        }
    }
}
