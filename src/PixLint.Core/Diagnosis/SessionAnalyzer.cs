namespace PixLint.Diagnosis;

/// <summary>
/// Decides the verdict on a session from its evidence: Cisco signatures first (any one is enough:
/// a path that rewrites SMTP breaks STARTTLS whatever else the session shows), then TLS failures,
/// then whether STARTTLS was offered. Shared by `pixlint diagnose` and `pixlint probe`.
/// </summary>
public static class SessionAnalyzer
{
    public static SessionDiagnosis Analyze(Transcript transcript, DiagnosisContext? context = null) =>
        Analyze(SmtpSession.From(transcript), context ?? new DiagnosisContext());

    public static SessionDiagnosis Analyze(SmtpSession session, DiagnosisContext context)
    {
        var facts = new SessionFacts(context);
        ReadGreeting(session, facts);
        ReadExchanges(session, facts);
        ReadToolEvents(session, facts);
        return Decide(facts, context);
    }

    /// <summary>Where a Cisco signature comes from: the PIX fixup, ESMTP inspection, or either.</summary>
    private enum Generation
    {
        Either,
        Fixup,
        Inspection,
    }

    private sealed record CiscoSignal(Evidence Evidence, bool Strong, Generation Generation);

    /// <summary>What the analyzer learnt, in the order the session shows it.</summary>
    private sealed class SessionFacts(DiagnosisContext context)
    {
        public DiagnosisContext Context { get; } = context;

        public List<Evidence> Evidence { get; } = [];

        public List<CiscoSignal> Cisco { get; } = [];

        public List<string> Notes { get; } = [];

        public bool MaskedBanner { get; set; }

        public bool GreetingRefused { get; set; }

        public bool HasGreeting { get; set; }

        public bool Advertised { get; set; }

        public bool NotAdvertised { get; set; }

        public bool NotAdvertisedByTool { get; set; }

        public bool EhloCutOff { get; set; }

        public bool EhloRefused { get; set; }

        public bool StartTlsAccepted { get; set; }

        public bool StartTlsRejectedAsUnknown { get; set; }

        public bool StartTlsRefused { get; set; }

        public bool TlsEstablished { get; set; }

        public bool TlsFailed { get; set; }

        public bool SawEhloReply { get; set; }

        public void Add(TranscriptLine line, string kind, string shows) => Evidence.Add(new Evidence(line.Number, line.Text, kind, shows));

        public void AddCisco(TranscriptLine line, string kind, string shows, bool strong, Generation generation)
        {
            var e = new Evidence(line.Number, line.Text, kind, shows);
            Evidence.Add(e);
            Cisco.Add(new CiscoSignal(e, strong, generation));
        }
    }

    private static void ReadGreeting(SmtpSession session, SessionFacts facts)
    {
        if (session.Greeting is not { } greeting)
        {
            return;
        }

        facts.HasGreeting = true;
        if (greeting.Code is 421 or 554)
        {
            facts.GreetingRefused = true;
            facts.Add(greeting.First, EvidenceKinds.GreetingRefused, $"the server refuses the session ({greeting.Code}) before any command: nothing about STARTTLS can be seen");
            return;
        }

        if (CiscoSignatures.IsCmapGreeting(greeting))
        {
            facts.MaskedBanner = true;
            facts.AddCisco(greeting.First, EvidenceKinds.CmapBanner, "the `SMTP/cmap___` greeting of old PIX and ASA releases replaces the server's banner", strong: true, Generation.Either);
            return;
        }

        if (CiscoSignatures.IsMaskedGreeting(greeting))
        {
            facts.MaskedBanner = true;
            string shows = CiscoSignatures.KeepsNoDigits(greeting)
                ? "the greeting is all asterisks where the server's banner was: Cisco banner masking (PIX MailGuard, or ESMTP inspection's `mask-banner`)"
                : "the greeting is masked with asterisks, keeping only '2', '0' and spaces: Cisco banner masking (PIX MailGuard, or ESMTP inspection's `mask-banner`)";
            facts.AddCisco(greeting.First, EvidenceKinds.MaskedBanner, shows, strong: true, Generation.Either);
            if (CiscoSignatures.KeepsNoDigits(greeting))
            {
                facts.Notes.Add("An all-asterisk greeting is what Cisco masking produces; it is also what a log looks like when whoever shared it blanked the banner by hand.");
            }

            foreach (var line in greeting.Lines.Where(l => l.Code is null))
            {
                facts.Add(line, EvidenceKinds.BrokenBanner, "this line of the masked greeting lost its `220` code: clients wait for a final `220 ` line that never comes, and the connection hangs or drops");
            }

            return;
        }

        facts.Add(greeting.First, EvidenceKinds.Greeting, "the greeting is readable: no banner masking");
    }

    private static void ReadExchanges(SmtpSession session, SessionFacts facts)
    {
        bool firstReplyAfterGreeting = true;
        foreach (var exchange in session.Exchanges)
        {
            string? verb = exchange.Verb;
            var reply = exchange.Reply;
            if (exchange.Command is { } command && SmtpSyntax.IsMaskedCommand(command.Content))
            {
                facts.AddCisco(command, EvidenceKinds.MaskedCommand, "the command arrived as X's: a firewall overwrote it on the way (ESMTP inspection masks the commands it does not allow)", strong: true, Generation.Inspection);
            }

            if (reply is null)
            {
                if (verb == "STARTTLS" && ClosedAfter(session, exchange.Command!) is { } closed)
                {
                    ReadStartTlsDropped(closed, facts);
                }

                continue;
            }

            if (CiscoSignatures.QuotesMaskedCommand(reply))
            {
                var line = reply.Lines.First(l => l.ReplyText.Contains("XXXX", StringComparison.Ordinal));
                facts.AddCisco(line, EvidenceKinds.MaskedCommand, "the server quotes the command it received as X's: a firewall overwrote the command on the way (ESMTP inspection masks the commands it does not allow)", strong: true, Generation.Inspection);
            }

            bool implied = exchange.Command is null && !reply.Quoted;
            switch (verb)
            {
                case "EHLO" or "LHLO":
                    ReadEhloReply(reply, facts, commandShown: true, inTls: reply.InTls || facts.StartTlsAccepted);
                    break;
                case "HELO" when facts.EhloRefused && reply.IsPositive:
                    facts.Add(reply.First, EvidenceKinds.HeloAccepted, "HELO, the RFC 821 greeting, is accepted after EHLO was refused: only the old command set gets through, as with the PIX fixup");
                    facts.Cisco.Add(new CiscoSignal(facts.Evidence[^1], Strong: facts.MaskedBanner, Generation.Fixup));
                    break;
                case "STARTTLS":
                    ReadStartTlsReply(reply, facts);
                    break;
                case null when implied && reply.Code == 250 && (reply.Lines.Count >= 2 || reply.Lines.Any(l => IsStartTls(l) || CiscoSignatures.IsMaskedKeyword(l.ReplyText))):
                    ReadEhloReply(reply, facts, commandShown: false, inTls: reply.InTls || facts.StartTlsAccepted);
                    break;
                case null when implied && firstReplyAfterGreeting && facts.MaskedBanner && CiscoSignatures.IsUnknownCommand(reply):
                    facts.EhloRefused = true;
                    facts.AddCisco(reply.First, EvidenceKinds.EhloRefused, "the first command after the masked greeting (normally EHLO; the capture does not show it) is refused as unknown: the PIX fixup lets only RFC 821 commands through", strong: false, Generation.Fixup);
                    break;
            }

            firstReplyAfterGreeting = false;
        }
    }

    /// <summary>The connection-closed message that follows <paramref name="command"/> with no server line in between.</summary>
    private static TranscriptLine? ClosedAfter(SmtpSession session, TranscriptLine command)
    {
        foreach (var line in session.Transcript.Lines.Where(l => l.Number > command.Number))
        {
            if (line.Role is LineRole.Server or LineRole.Client)
            {
                return null;
            }

            if (line.Event == ToolEvent.ConnectionClosed)
            {
                return line;
            }
        }

        return null;
    }

    private static void ReadStartTlsDropped(TranscriptLine closed, SessionFacts facts)
    {
        if (facts.Advertised)
        {
            facts.AddCisco(closed, EvidenceKinds.StartTlsDropped, "the connection was closed right after STARTTLS, without a reply, although STARTTLS was advertised: an ESMTP inspect map that drops or resets the connection on the STARTTLS verb", strong: false, Generation.Inspection);
        }
        else
        {
            facts.StartTlsRefused = true;
            facts.Add(closed, EvidenceKinds.StartTlsRejected, "the connection was closed right after STARTTLS, without a reply");
        }
    }

    private static bool IsStartTls(TranscriptLine line) => SmtpSyntax.FirstWord(line.ReplyText) == "STARTTLS";

    /// <summary>Reads an EHLO reply; <paramref name="inTls"/>: after STARTTLS was accepted (the reply inside TLS never lists STARTTLS).</summary>
    private static void ReadEhloReply(SmtpReply reply, SessionFacts facts, bool commandShown, bool inTls)
    {
        if (CiscoSignatures.IsUnknownCommand(reply))
        {
            facts.EhloRefused = true;
            facts.AddCisco(reply.First, EvidenceKinds.EhloRefused, "EHLO is refused as an unknown command: the PIX fixup (MailGuard) lets only RFC 821 commands through, so ESMTP and STARTTLS never reach the server", strong: false, Generation.Fixup);
            return;
        }

        if (reply.Code != 250)
        {
            return;
        }

        if (commandShown && CiscoSignatures.IsNoopLikeReply(reply))
        {
            facts.AddCisco(reply.First, EvidenceKinds.EhloAnsweredLikeNoop, "EHLO is answered like a NOOP (no server name, no extensions): the PIX fixup turns commands it blocks into NOOP", strong: false, Generation.Fixup);
            return;
        }

        facts.SawEhloReply = true;
        bool startTls = false;
        bool masked = false;
        for (int i = 0; i < reply.Lines.Count; i++)
        {
            var line = reply.Lines[i];
            if (IsStartTls(line))
            {
                startTls = true;
                if (inTls)
                {
                    continue;
                }

                facts.Advertised = true;
                bool first = i == 0 && commandShown && reply.Lines.Count > 1;
                facts.Add(line, EvidenceKinds.StartTlsAdvertised, first
                    ? "STARTTLS is advertised, but on the first line of the EHLO reply, where RFC 5321 puts the server's name: strict clients may not see it"
                    : "STARTTLS is advertised in the EHLO reply");
                if (first)
                {
                    facts.Notes.Add("The server lists STARTTLS before its name in the EHLO reply; RFC 5321 §4.1.1.1 wants the name first, and some senders skip the first line.");
                }
            }
            else if ((i > 0 || !commandShown) && CiscoSignatures.IsMaskedKeyword(line.ReplyText))
            {
                string shows = CiscoSignatures.LooksLikeMaskedStartTls(line.ReplyText)
                    ? "an EHLO keyword as long as STARTTLS, overwritten with X's: ESMTP inspection without `allow-tls` masks STARTTLS"
                    : "an EHLO keyword overwritten with X's: ESMTP inspection masks the extensions it does not allow";
                facts.AddCisco(line, EvidenceKinds.MaskedEhloKeyword, shows, strong: true, Generation.Inspection);
                masked = true;
            }
        }

        if (startTls || masked || inTls)
        {
            return;
        }

        if (reply.IsComplete)
        {
            facts.NotAdvertised = true;
            facts.Add(reply.Last, EvidenceKinds.StartTlsNotAdvertised, "the EHLO reply ends here without STARTTLS");
        }
        else
        {
            facts.EhloCutOff = true;
            facts.Add(reply.Last, EvidenceKinds.EhloReplyCutOff, "the EHLO reply is cut off here (no final `250 ` line): STARTTLS may be in the part not shown");
        }
    }

    private static void ReadStartTlsReply(SmtpReply reply, SessionFacts facts)
    {
        if (reply.Code == 220)
        {
            facts.StartTlsAccepted = true;
            facts.Add(reply.First, EvidenceKinds.StartTlsAccepted, "the server accepts STARTTLS");
            return;
        }

        if (reply.Code is >= 200 and < 300)
        {
            facts.AddCisco(reply.First, EvidenceKinds.StartTlsAnsweredLikeNoop, $"STARTTLS is answered {reply.Code} instead of 220, like a NOOP: the command was rewritten on the way (the PIX fixup answers OK to commands it blocks)", strong: false, Generation.Fixup);
            return;
        }

        if (CiscoSignatures.IsUnknownCommand(reply))
        {
            facts.StartTlsRejectedAsUnknown = true;
            if (facts.Advertised)
            {
                facts.AddCisco(reply.First, EvidenceKinds.StartTlsUnknownAfterAdvertised, "STARTTLS was advertised, yet the server does not recognise the command: it was altered on the way (an ESMTP inspect map that masks the STARTTLS verb)", strong: false, Generation.Inspection);
            }
            else
            {
                facts.Add(reply.First, EvidenceKinds.StartTlsRejected, "the server does not recognise STARTTLS");
            }

            return;
        }

        if (reply.Code is >= 400)
        {
            facts.StartTlsRefused = true;
            facts.Add(reply.First, EvidenceKinds.StartTlsRejected, $"the server refuses to start TLS ({reply.Code})");
        }
    }

    private static void ReadToolEvents(SmtpSession session, SessionFacts facts)
    {
        bool openSsl = session.Transcript.Format == CaptureFormat.OpenSsl;
        foreach (var line in session.ToolEvents)
        {
            switch (line.Event)
            {
                case ToolEvent.StartTlsNotAdvertised:
                    facts.NotAdvertisedByTool = true;
                    facts.Add(line, EvidenceKinds.StartTlsNotAdvertised, "the client found no STARTTLS in the EHLO reply");
                    break;
                case ToolEvent.TlsStarted when !facts.TlsEstablished:
                    facts.TlsEstablished = true;
                    facts.Add(line, EvidenceKinds.TlsEstablished, "the TLS handshake succeeded");
                    break;
                case ToolEvent.TlsFailed when !facts.TlsFailed && !facts.TlsEstablished:
                    facts.TlsFailed = true;
                    facts.Add(line, EvidenceKinds.TlsFailed, "the TLS handshake failed");
                    break;
            }
        }

        // openssl s_client prints the EHLO reply only when it lacks STARTTLS ("Didn't find STARTTLS"):
        // reaching the handshake without that message means STARTTLS was advertised.
        if (openSsl && !facts.NotAdvertisedByTool && !facts.SawEhloReply && (facts.TlsEstablished || facts.TlsFailed))
        {
            facts.Advertised = true;
        }
    }

    private static SessionDiagnosis Decide(SessionFacts facts, DiagnosisContext context)
    {
        var evidence = facts.Evidence.OrderBy(e => e.Line).ToList();

        // A masked banner with STARTTLS advertised and not refused: `mask-banner` with `allow-tls`
        // (reference notes §8.4). The banner mask alone does not break STARTTLS.
        bool bannerOnly = facts.Cisco.Count > 0 && facts.Cisco.All(s => s.Evidence.Kind is EvidenceKinds.MaskedBanner or EvidenceKinds.CmapBanner);
        if (bannerOnly && facts.Advertised && !facts.StartTlsRejectedAsUnknown && !facts.StartTlsRefused)
        {
            facts.Notes.Add("A Cisco inspection masks the greeting (`mask-banner`, SMTP012), but STARTTLS gets through: its inspect map allows TLS. The banner mask only hides the server software.");
            facts.Cisco.Clear();
        }

        if (facts.Cisco.Count > 0)
        {
            var confidence = facts.Cisco.Any(s => s.Strong) ? Confidence.High : Confidence.Medium;
            return new SessionDiagnosis(
                Verdict.CiscoFixup,
                confidence,
                "A Cisco SMTP fixup or ESMTP inspection rewrites this session: STARTTLS cannot work through it.",
                evidence,
                CauseOf(facts),
                NextSteps.ForCisco(context),
                facts.Notes);
        }

        bool offered = facts.Advertised || context.ImplicitTls;
        if (facts.TlsFailed && (offered || facts.StartTlsAccepted))
        {
            return new SessionDiagnosis(Verdict.TlsFailed, Confidence.High,
                context.ImplicitTls ? "The TLS handshake failed: the server (or something in front of it) does not complete TLS on this port." : "The server offers STARTTLS, but the TLS handshake failed.",
                evidence, null, NextSteps.ForTlsFailure(context), ImplicitTlsNotes(facts, context));
        }

        if (facts.StartTlsRefused && facts.Advertised)
        {
            return new SessionDiagnosis(Verdict.TlsFailed, Confidence.High, "The server advertises STARTTLS but refuses to start TLS.", evidence, null, NextSteps.ForTlsFailure(context), facts.Notes);
        }

        if (!facts.Advertised && (facts.NotAdvertised || facts.NotAdvertisedByTool || facts.StartTlsRejectedAsUnknown || facts.StartTlsRefused))
        {
            if (facts.TlsEstablished)
            {
                facts.Notes.Add("The server started TLS although it did not advertise STARTTLS; senders only try STARTTLS when the EHLO reply lists it.");
            }

            return new SessionDiagnosis(Verdict.StartTlsMissing, facts.NotAdvertised ? Confidence.High : Confidence.Medium,
                "The server does not offer STARTTLS, and nothing in the session shows a firewall rewriting it.",
                evidence, null, NextSteps.ForMissing(context), facts.Notes);
        }

        if (offered || facts.StartTlsAccepted || facts.TlsEstablished)
        {
            string summary = context.ImplicitTls
                ? "TLS works on this port: the handshake succeeded and the server answers inside TLS."
                : facts.TlsEstablished ? "The server offers STARTTLS and the TLS handshake succeeded."
                : facts.StartTlsAccepted ? "The server offers STARTTLS and accepts it."
                : "The server offers STARTTLS.";
            return new SessionDiagnosis(Verdict.StartTlsOffered, Confidence.High, summary, evidence, null, NextSteps.ForOffered(context), facts.Notes);
        }

        string why = facts.GreetingRefused ? "the server refused the session before EHLO"
            : facts.EhloCutOff ? "the EHLO reply is cut off before its last line"
            : facts.HasGreeting ? "the capture shows the greeting but no EHLO reply"
            : "the capture shows no EHLO reply";
        return new SessionDiagnosis(Verdict.Inconclusive, Confidence.Low, $"Not enough of the session to decide: {why}.", evidence, null, NextSteps.ForInconclusive(context), facts.Notes);
    }

    private static List<string> ImplicitTlsNotes(SessionFacts facts, DiagnosisContext context)
    {
        var notes = new List<string>(facts.Notes);
        if (context.ImplicitTls)
        {
            notes.Add("A Cisco ESMTP inspection applied to this port breaks implicit TLS (SMTP014): lint the firewall's configuration if one is in the path.");
        }

        return notes;
    }

    /// <summary>The configuration behind the Cisco signatures, named by the rules that find it.</summary>
    private static LikelyCause CauseOf(SessionFacts facts)
    {
        bool fixup = facts.Cisco.Any(s => s.Generation == Generation.Fixup);
        bool inspection = facts.Cisco.Any(s => s.Generation == Generation.Inspection);
        bool keywordMasked = facts.Evidence.Any(e => e.Kind is EvidenceKinds.MaskedEhloKeyword or EvidenceKinds.MaskedCommand);
        string banner = facts.MaskedBanner ? " It also masks the banner (`mask-banner`)." : string.Empty;
        if (inspection && !keywordMasked)
        {
            return new LikelyCause(
                "An ESMTP inspect map that masks, drops or resets the STARTTLS verb (`match cmd verb STARTTLS`): the server advertises STARTTLS, but the command arrives mangled." + banner,
                facts.MaskedBanner ? ["SMTP011", "SMTP012"] : ["SMTP011"]);
        }

        if (inspection)
        {
            return new LikelyCause(
                "ESMTP inspection (`inspect esmtp` on PIX 7+, ASA, FWSM 3+ or FTD) whose inspect map does not `allow-tls` (the built-in default map does not): it masks STARTTLS in the EHLO reply as `XXXXXXXA` and overwrites the STARTTLS command with X's." + banner,
                facts.MaskedBanner ? ["SMTP010", "SMTP012"] : ["SMTP010"]);
        }

        if (fixup)
        {
            return new LikelyCause(
                "PIX 4.2-6.x `fixup protocol smtp` (MailGuard): it lets only the RFC 821 commands through (HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), so EHLO and STARTTLS never reach the server, and it masks the banner.",
                ["SMTP001"]);
        }

        return new LikelyCause(
            "Cisco banner masking: PIX 4.2-6.x `fixup protocol smtp` (MailGuard), or ESMTP inspection on PIX 7+/ASA/FWSM/FTD with `mask-banner`, whose default inspect map also strips STARTTLS (`no allow-tls`).",
            ["SMTP001", "SMTP010", "SMTP012"]);
    }
}
