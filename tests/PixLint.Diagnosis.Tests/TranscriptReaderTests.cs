using PixLint.Diagnosis;

namespace PixLint.Tests;

public class TranscriptReaderTests
{
    /// <summary>`role:verb-or-code:tls` per line, compact to compare.</summary>
    private static string[] Shape(string text) =>
        [.. TranscriptReader.Read("t.txt", text).Lines.Select(l => l.Role switch
        {
            LineRole.Server => $"S{l.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(l.Continues ? "-" : string.Empty)}{(l.InTls ? "~" : string.Empty)}",
            LineRole.Client => $"C:{l.Verb}{(l.InTls ? "~" : string.Empty)}",
            LineRole.ClientData => $"D:{l.Verb}",
            LineRole.Tool => $"T:{l.Event}",
            _ => "-",
        })];

    [Fact]
    public void Raw_telnet_output()
    {
        string text = "Trying 192.0.2.25...\nConnected to mx.example.com.\nEscape character is '^]'.\n220 mx ESMTP\nehlo me\n250-mx\n250 STARTTLS\nquit\n221 bye\nConnection closed by foreign host.\n";
        Assert.Equal(["T:None", "T:None", "T:None", "S220", "C:EHLO", "S250-", "S250", "C:QUIT", "S221", "T:ConnectionClosed"], Shape(text));
    }

    [Fact]
    public void Crlf_and_lf_give_the_same_lines()
    {
        string lf = "220 mx ESMTP\nEHLO me\n250-mx\n250 STARTTLS\n";
        Assert.Equal(Shape(lf), Shape(lf.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Equal("250 STARTTLS", TranscriptReader.Read("t", lf.Replace("\n", "\r\n", StringComparison.Ordinal)).Lines[3].Text);
    }

    [Fact]
    public void S_and_C_prefixes_but_not_a_windows_prompt()
    {
        string text = "C:\\>telnet mx 25\nS: 220 mx ESMTP\nC: EHLO me\nS: 250 mx\nC:QUIT\n";
        Assert.Equal(["T:None", "S220", "C:EHLO", "S250", "C:QUIT"], Shape(text));
    }

    [Fact]
    public void Got_and_sent_prefixes()
    {
        Assert.Equal(["S220", "C:EHLO", "S250"], Shape("Got: 220 mx\nSent: EHLO me\nGot: 250 mx\n"));
    }

    [Fact]
    public void Swaks_markers_including_tls_and_errors()
    {
        string text = "=== Trying 192.0.2.25:25...\n<-  220 mx\n -> EHLO me\n<-  250 STARTTLS\n -> STARTTLS\n<-  220 go\n=== TLS started with cipher TLSv1.3:TLS_AES_256_GCM_SHA384:256\n ~> EHLO me\n<~  250 mx\n ~> MAIL FROM:<a@example.com>\n<~* 550 no\n*** Remote host closed connection unexpectedly.\n";
        Assert.Equal(["T:None", "S220", "C:EHLO", "S250", "C:STARTTLS", "S220", "T:TlsStarted", "C:EHLO~", "S250~", "C:MAIL~", "S550~", "T:ConnectionClosed"], Shape(text));
    }

    [Fact]
    public void Phpmailer_debug_output_with_timestamps()
    {
        string text = "2026-01-03 10:00:00 SERVER -> CLIENT: 220 smtp ESMTP\n2026-01-03 10:00:00 CLIENT -> SERVER: EHLO web\n";
        Assert.Equal(["S220", "C:EHLO"], Shape(text));
    }

    [Fact]
    public void Openssl_output_and_the_lines_after_the_handshake_are_in_tls()
    {
        string text = "CONNECTED(00000003)\n---\n-----BEGIN CERTIFICATE-----\nMIIB250x\n-----END CERTIFICATE-----\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\n    Master-Key: ABCDEF\nEHLO me\n250 mx\n";
        Assert.Equal(["T:None", "T:None", "T:None", "T:None", "T:None", "T:TlsStarted", "T:None", "C:EHLO~", "S250~"], Shape(text));
        Assert.Equal("    Master-Key: <redacted>", TranscriptReader.Read("t", text).Lines[6].Text);
    }

    [Fact]
    public void Bounce_quotes_are_server_replies()
    {
        var lines = TranscriptReader.Read("t", "<a@example.com>: host mx[192.0.2.25] said: 550 5.1.1 no such user (in reply to RCPT TO command)\nRemote Server returned '550 5.7.1 Unable to relay'\n").Lines;
        Assert.All(lines, l => Assert.True(l is { Role: LineRole.Server, Code: 550, Quoted: true }));
        Assert.Equal("550 5.7.1 Unable to relay", lines[1].Content);
    }

    [Fact]
    public void Message_data_is_not_read_as_commands_or_replies()
    {
        string text = "DATA\n354 go ahead\nSubject: 250 things to do\nQUIT\n.\n250 queued\nQUIT\n";
        Assert.Equal(["C:DATA", "S354", "D:", "D:", "D:.", "S250", "C:QUIT"], Shape(text));
    }

    [Fact]
    public void Auth_payloads_are_masked_in_every_format()
    {
        string text = "AUTH LOGIN\n334 VXNlcm5hbWU6\ndXNlcg==\n334 UGFzc3dvcmQ6\nc2VjcmV0\n235 ok\nC: AUTH PLAIN AHVzZXIAc2VjcmV0\n";
        var lines = TranscriptReader.Read("t", text).Lines;
        Assert.Equal(["C:AUTH", "S334", "D:AUTH-RESPONSE", "S334", "D:AUTH-RESPONSE", "S235", "C:AUTH"], Shape(text));
        Assert.Equal("<redacted>", lines[2].Text);
        Assert.Equal("<redacted>", lines[4].Text);
        Assert.Equal("C: AUTH PLAIN <redacted>", lines[6].Text);
        Assert.Equal("AUTH LOGIN", lines[0].Text);
    }

    [Fact]
    public void Prose_is_not_a_command()
    {
        Assert.Equal(["-", "-", "-", "-"], Shape("Mail server said no\nData is lost\nhelp me understand this please\nQuit asking\n"));
    }

    [Fact]
    public void A_masked_banner_continuation_without_code_stays_with_its_reply()
    {
        Assert.Equal(["S220-", "S?", "-"], Shape("220-*******************\n**********************\nthe connection hangs here\n"));
    }

    [Fact]
    public void A_line_of_asterisks_is_not_a_swaks_message()
    {
        Assert.Equal(["S220-", "S?"], Shape("220-****\n*** ****\n"));
    }

    [Fact]
    public void Empty_input_has_no_lines()
    {
        Assert.Empty(TranscriptReader.Read("t", string.Empty).Lines);
    }
}
