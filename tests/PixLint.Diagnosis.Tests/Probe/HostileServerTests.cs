using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>
/// Servers that never end a reply (issue 19): endless `220-` or `250-` continuation lines, as fast
/// as the socket takes them or slowly. The probe stops at the reply limits or at --timeout, says
/// which, keeps its transcript bounded and exits 2. Loopback only, on a free port.
/// </summary>
public class HostileServerTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    /// <summary>Sends LINE (numbered) forever, in batches of <paramref name="batch"/> lines, <paramref name="pause"/> between batches.</summary>
    private static Func<LineConnection, CancellationToken, Task> Endless(string greeting, string line, int batch, TimeSpan pause) => async (c, token) =>
    {
        if (greeting.Length > 0)
        {
            await c.SendAsync(token, greeting);
            await c.ReadLineAsync(token);
        }

        for (long i = 0; !token.IsCancellationRequested; i++)
        {
            var text = new StringBuilder();
            for (int k = 0; k < batch; k++)
            {
                text.Append(line).Append(i * batch + k).Append("\r\n");
            }

            await c.SendRawAsync(text.ToString(), token);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, token);
            }
        }
    };

    [Theory]
    [InlineData("", "220-mx.example.com greeting line ", "greeting")]
    [InlineData("220 mx.example.com ESMTP", "250-EXTENSION", "reply to EHLO")]
    public async Task A_reply_that_streams_continuation_lines_stops_at_the_line_limit(string greeting, string line, string what)
    {
        await using var server = new LoopbackServer(Endless(greeting, line, 200, TimeSpan.Zero));
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run(["probe", server.Target, "--timeout", "5"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5) + Slack, $"took {clock.Elapsed}");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{server.Target}: error: the server's {what} went on past {SmtpProbe.MaxReplyLines} lines without ending", result.Stderr, StringComparison.Ordinal);
        int received = result.Stdout.Split('\n').Count(l => l.StartsWith("<-  ", StringComparison.Ordinal));
        Assert.InRange(received, SmtpProbe.MaxReplyLines - 1, SmtpProbe.MaxReplyLines + 1);
    }

    [Fact]
    public async Task Long_continuation_lines_stop_at_the_byte_limit_and_json_names_the_failure()
    {
        string filler = new('x', 4000);
        await using var server = new LoopbackServer(Endless("220 mx.example.com ESMTP", "250-" + filler, 20, TimeSpan.Zero));
        var result = CliRunner.Run(["probe", server.Target, "--timeout", "5", "-f", "json"]);
        Assert.Equal(2, result.ExitCode);
        var error = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("probe").GetProperty("error");
        Assert.Equal("replytoolong", error.GetProperty("kind").GetString());
        Assert.Contains($"went on past {SmtpProbe.MaxReplyBytes / 1024} KiB", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(result.Stdout.Length < 4 * SmtpProbe.MaxReplyBytes, $"{result.Stdout.Length} characters of output");
    }

    /// <summary>Slower than the line limit: --timeout ends it, and the message says the server was still sending.</summary>
    [Fact]
    public async Task A_slow_endless_reply_ends_at_the_timeout_and_says_it_was_still_coming()
    {
        await using var server = new LoopbackServer(Endless("220 mx.example.com ESMTP", "250-SLOW", 1, TimeSpan.FromMilliseconds(20)));
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run(["probe", server.Target, "--timeout", "2"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + Slack, $"took {clock.Elapsed}");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^127\.0\.0\.1:\d+: error: the server was still sending its reply to EHLO \(\d+ lines, no last line\) when the time ran out \(2 s\)\n$", result.Stderr);
    }

    [Fact]
    public async Task Memory_stays_bounded_while_a_server_streams()
    {
        await using var server = new LoopbackServer(Endless(string.Empty, "220-", 500, TimeSpan.Zero));
        var probe = await SmtpProbe.RunAsync(new ProbeOptions(ProbeTarget.Parse(server.Target, out _)!) { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(ProbeFailureKind.ReplyTooLong, probe.Failure!.Kind);
        Assert.InRange(probe.TranscriptLines.Count, 1, SmtpProbe.MaxReplyLines + 10);
        Assert.True(probe.TranscriptLines.Sum(l => l.Length) < 2 * SmtpProbe.MaxReplyBytes, "the transcript holds at most one reply's limit");
    }
}
