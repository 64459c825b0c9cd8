namespace PixLint.Diagnosis;

/// <summary>One reply: its lines (`250-...` continuations and the final `250 ...`).</summary>
public sealed record SmtpReply(IReadOnlyList<TranscriptLine> Lines)
{
    /// <summary>The code of the reply (of its first line that has one); null when no line has one.</summary>
    public int? Code => Lines.FirstOrDefault(l => l.Code is not null)?.Code;

    /// <summary>The last line has a code and no hyphen: the server finished this reply.</summary>
    public bool IsComplete => Lines[^1] is { Code: not null, Continues: false };

    public bool InTls => Lines[0].InTls;

    public bool Quoted => Lines[0].Quoted;

    public TranscriptLine First => Lines[0];

    public TranscriptLine Last => Lines[^1];

    public bool IsPositive => Code is >= 200 and < 400;

    public bool IsPermanentFailure => Code is >= 500 and < 600;

    /// <summary>The reply text of every line, joined by spaces.</summary>
    public string AllText => string.Join(' ', Lines.Select(l => l.ReplyText));
}

/// <summary>A command and the reply that answered it; either may be missing from the capture.</summary>
public sealed record SmtpExchange(TranscriptLine? Command, SmtpReply? Reply)
{
    public string? Verb => Command?.Verb;
}

/// <summary>
/// A session rebuilt from a transcript: the greeting, then commands paired with their replies in
/// order (pipelined commands are answered in order, RFC 2920), and the capture tools' TLS events.
/// </summary>
public sealed record SmtpSession(Transcript Transcript, SmtpReply? Greeting, IReadOnlyList<SmtpExchange> Exchanges, IReadOnlyList<TranscriptLine> ToolEvents)
{
    public static SmtpSession From(Transcript transcript) => SessionBuilder.Build(transcript);
}

/// <summary>Groups a transcript's lines into replies and pairs them with commands.</summary>
internal static class SessionBuilder
{
    public static SmtpSession Build(Transcript transcript)
    {
        var items = new List<(int Order, TranscriptLine? Command, SmtpReply? Reply)>();
        var events = new List<TranscriptLine>();
        List<TranscriptLine>? open = null;

        void Close()
        {
            if (open is { Count: > 0 })
            {
                items.Add((open[0].Number, null, new SmtpReply(open)));
            }

            open = null;
        }

        foreach (var line in transcript.Lines)
        {
            switch (line.Role)
            {
                case LineRole.Server:
                    bool startsNew = open is null
                        || (line.Code is not null && open[^1].Code is not null && !open[^1].Continues)
                        || (line.Code is { } c && open.FirstOrDefault(l => l.Code is not null)?.Code is { } oc && c != oc)
                        || line.Quoted != open[0].Quoted;
                    if (startsNew)
                    {
                        Close();
                        open = [];
                    }

                    open!.Add(line);
                    if (line is { Code: not null, Continues: false })
                    {
                        Close();
                    }

                    break;
                case LineRole.Client:
                case LineRole.ClientData when line.Verb is not null:
                    Close();
                    items.Add((line.Number, line, null));
                    break;
                case LineRole.Tool when line.Event != ToolEvent.None:
                    events.Add(line);
                    break;
            }
        }

        Close();

        // Pair replies with the oldest unanswered command.
        var exchanges = new List<SmtpExchange>();
        var pending = new Queue<int>();
        SmtpReply? greeting = null;
        foreach (var (_, command, reply) in items)
        {
            if (command is not null)
            {
                exchanges.Add(new SmtpExchange(command, null));
                pending.Enqueue(exchanges.Count - 1);
                continue;
            }

            if (greeting is null && exchanges.Count == 0 && (reply!.Code is 220 or 421 or 554 or null) && !reply.Quoted)
            {
                greeting = reply;
                continue;
            }

            if (pending.Count > 0)
            {
                int index = pending.Dequeue();
                exchanges[index] = exchanges[index] with { Reply = reply };
            }
            else
            {
                exchanges.Add(new SmtpExchange(null, reply));
            }
        }

        return new SmtpSession(transcript, greeting, exchanges, events);
    }
}
