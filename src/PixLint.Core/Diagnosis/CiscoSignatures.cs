using System.Text.RegularExpressions;

namespace PixLint.Diagnosis;

/// <summary>
/// The patterns Cisco SMTP fixups and ESMTP inspection leave in a session, as catalogued in the
/// reference notes §4.1 (AppRiver KB, Microsoft KB 320027/295725, Cisco ESA doc 118550, the
/// PIX 7.0 configuration guide): each is a pure check of one reply or line.
/// </summary>
public static partial class CiscoSignatures
{
    /// <summary>
    /// The greeting is masked: every line's text is asterisks, keeping at most the `2`, `0` and
    /// spaces the mask leaves (a line that lost its code counts too). A decorative frame of
    /// asterisks next to readable lines is not a mask, and neither is a hostname redacted with
    /// asterisks (`per-mail.***.org`): letters survive there.
    /// </summary>
    public static bool IsMaskedGreeting(SmtpReply greeting)
    {
        var texts = greeting.Lines.Select(l => l.Code is null ? l.Content : l.ReplyText).Where(t => t.Trim().Length > 0).ToList();
        return texts.Count > 0 && SmtpSyntax.IsMaskShaped(string.Concat(texts), TranscriptReader.MinimumMaskAsterisks)
            && texts.All(t => SmtpSyntax.IsMaskShaped(t, 1));
    }

    /// <summary>Only asterisks (PIX 4.4 masked every character; later releases keep `2` and `0`).</summary>
    public static bool KeepsNoDigits(SmtpReply greeting) =>
        greeting.Lines.All(l => !(l.Code is null ? l.Content : l.ReplyText).Any(c => c is '2' or '0'));

    /// <summary>`220 SMTP/cmap_____`: the banner of old PIX and ASA releases (Microsoft KB 320027 rev. 15).</summary>
    public static bool IsCmapGreeting(SmtpReply greeting) =>
        greeting.Lines.Any(l => l.ReplyText.TrimStart().StartsWith("SMTP/cmap", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// An EHLO keyword overwritten with X's: `XXXXXXXA` (STARTTLS masked in place, 8 characters),
    /// `XXXB`: three or more X's and at most one other capital, alone on the line. Exchange's own
    /// X keywords (`X-EXPS`, `XEXCH50`, `X-ANONYMOUSTLS`, `XRDST`) do not match.
    /// </summary>
    public static bool IsMaskedKeyword(string replyText) => MaskedKeyword().IsMatch(replyText.Trim());

    /// <summary>The masked keyword has STARTTLS's length (the mask keeps lengths).</summary>
    public static bool LooksLikeMaskedStartTls(string replyText) => replyText.Trim().Length == "STARTTLS".Length;

    /// <summary>A reply quoting the command it got as X's (`Command unrecognized: "XXXXXXXX"`).</summary>
    public static bool QuotesMaskedCommand(SmtpReply reply) =>
        reply.IsPermanentFailure && reply.Lines.Any(l => QuotedXs().IsMatch(l.ReplyText));

    /// <summary>500 or 502: the server did not recognise (or does not implement) the command.</summary>
    public static bool IsUnknownCommand(SmtpReply reply) => reply.Code is 500 or 502;

    /// <summary>
    /// A one-line `250 Ok` / `250 2.0.0 Ok`: what a server says to NOOP. A real EHLO reply starts
    /// with the server's name; the PIX fixup turns commands it blocks into NOOP (cisco-nsp, 2004).
    /// </summary>
    public static bool IsNoopLikeReply(SmtpReply reply)
    {
        if (reply.Code != 250 || reply.Lines.Count != 1)
        {
            return false;
        }

        string text = EnhancedStatus().Replace(reply.First.ReplyText.Trim(), string.Empty).Trim().TrimEnd('.');
        return text.Length == 0 || text.Equals("ok", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^X{3,}[A-Z]?$")]
    private static partial Regex MaskedKeyword();

    [GeneratedRegex(@"(?<![A-Za-z0-9])X{4,}(?![A-Za-z0-9])")]
    private static partial Regex QuotedXs();

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}")]
    private static partial Regex EnhancedStatus();
}
