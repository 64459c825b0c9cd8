using System.CommandLine;
using PixLint.Diagnosis;
using PixLint.Output;
using PixLint.Text;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint diagnose [TRANSCRIPT|-]`: is a Cisco SMTP fixup or ESMTP inspection in the path of this session?</summary>
internal static class DiagnoseCommand
{
    /// <summary>One formatter per output format, shared with `probe`.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IDiagnosisFormatter>> Formatters = new Dictionary<string, Func<IDiagnosisFormatter>>(StringComparer.Ordinal)
    {
        ["text"] = () => new DiagnosisTextFormatter(),
        ["json"] = () => new DiagnosisJsonFormatter(),
        ["markdown"] = () => new SessionMarkdownFormatter(),
    };

    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. Formatters.Keys]);
        return format;
    }

    public static Command Create(CliEnvironment env)
    {
        var paths = new Argument<string[]>("input")
        {
            Description = "An SMTP session as captured (telnet/nc, S:/C: or Got:/Sent: logs, swaks, openssl s_client, a bounce); or TLS reports (RFC 8460 JSON, .json.gz), Postfix/Exim/Sendmail logs and folders of them; - for standard input (the default). Formats are told from the content; gzip is unpacked",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["-"],
        };
        var format = FormatOption();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output", HelpName = "FILE" };
        var configs = new Option<string[]>("--config")
        {
            Description = "Firewall configurations (files or folders) to tie the reported mail servers to: a peer whose address a finding affects gets that finding's line",
            HelpName = "FILE|DIR",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("diagnose", "Read an SMTP session, TLS reports or MTA logs and tell whether a Cisco SMTP fixup or ESMTP inspection is in the path")
        {
            paths, format, output, configs,
        };
        command.SetAction(result => Run(env, result.GetValue(paths) is { Length: > 0 } p ? p : ["-"], result.GetValue(format)!, result.GetValue(output), result.GetValue(configs) ?? []));
        return command;
    }

    private static int Run(CliEnvironment env, string[] paths, string format, string? output, string[] configs)
    {
        var (inputs, errors) = MailEvidenceRun.Expand(env, paths);
        foreach (string error in errors)
        {
            env.Error.WriteLine(error);
        }

        if (errors.Count > 0)
        {
            return ExitCodes.Error;
        }

        if (inputs.Any(i => i.File.FullPath is null) && env.StdinIsTerminal)
        {
            env.Error.WriteLine("pixlint diagnose: reading standard input (an SMTP session, a TLS report or an MTA log; end with Ctrl-D), or give files: pixlint diagnose FILE...");
        }

        var opened = new List<MailEvidenceRun.OpenedInput>();
        try
        {
            foreach (var (input, fromFolder) in inputs)
            {
                if (MailEvidenceRun.Open(env, input, out string? error) is not { } open)
                {
                    env.Error.WriteLine(error);
                    return ExitCodes.Error;
                }

                opened.Add(open with { FromFolder = fromFolder });
            }

            if (opened.Count > 1)
            {
                foreach (var skipped in opened.Where(o => o.FromFolder && o.Format == EvidenceFormat.Transcript).ToList())
                {
                    env.Error.WriteLine($"{skipped.Input.DisplayPath}: note: skipped, neither a TLS report nor MTA log lines");
                    skipped.Dispose();
                    opened.Remove(skipped);
                }

                if (opened.Count == 0)
                {
                    env.Error.WriteLine("pixlint: error: no TLS report or MTA log among the inputs; an SMTP transcript is diagnosed on its own: pixlint diagnose FILE");
                    return ExitCodes.Error;
                }
            }

            if (opened is [{ Format: EvidenceFormat.Transcript } single])
            {
                if (configs.Length > 0)
                {
                    env.Error.WriteLine("pixlint: note: --config ties TLS reports and MTA logs to firewall findings; a single transcript is diagnosed without it (lint the configuration: pixlint lint FILE)");
                }

                return RunTranscript(env, single, format, output);
            }

            if (opened.FirstOrDefault(o => o.Format == EvidenceFormat.Transcript) is { } transcript)
            {
                env.Error.WriteLine($"{transcript.Input.DisplayPath}: error: neither a TLS report (RFC 8460 JSON) nor Postfix, Exim or Sendmail log lines; an SMTP transcript is diagnosed on its own: pixlint diagnose {transcript.Input.DisplayPath}");
                return ExitCodes.Error;
            }

            return MailEvidenceRun.Run(env, opened, configs, format, output);
        }
        finally
        {
            foreach (var open in opened)
            {
                open.Dispose();
            }
        }
    }

    private static int RunTranscript(CliEnvironment env, MailEvidenceRun.OpenedInput input, string format, string? output)
    {
        // A transcript is held whole, so it is capped like a configuration (reports and logs stream instead).
        string display = input.Input.DisplayPath;
        if (InputReader.ReadCapped(input.Content, env.MaxInputBytes) is not { } bytes)
        {
            string limit = $"the limit is {InputReader.Mebibytes(env.MaxInputBytes)} MiB";
            env.Error.WriteLine(input.Input.FullPath is null
                ? $"{display}: error: standard input is over {InputReader.Mebibytes(env.MaxInputBytes)} MiB; {limit}"
                : $"{display}: error: the file is {InputReader.Mebibytes(new FileInfo(input.Input.FullPath).Length)} MiB; {limit}");
            return ExitCodes.Error;
        }

        var source = SourceText.From(display, bytes);
        if (source.Text.Contains('\0', StringComparison.Ordinal))
        {
            env.Error.WriteLine($"{display}: error: binary data (NUL bytes), expected an SMTP transcript in text");
            return ExitCodes.Error;
        }

        var transcript = TranscriptReader.Read(source);
        if (transcript.SmtpLineCount == 0 && transcript.Lines.All(l => l.Event == ToolEvent.None))
        {
            env.Error.WriteLine($"{display}: error: no SMTP session found, expected server replies such as '220 mail.example.com ESMTP', the output of telnet, swaks or openssl s_client, a TLS report (RFC 8460 JSON) or Postfix, Exim or Sendmail log lines");
            return ExitCodes.Error;
        }

        var diagnosis = SessionAnalyzer.Analyze(transcript);
        var report = new DiagnosisReport(display, transcript, diagnosis);
        return Write(env, report, format, output, input.Input.FullPath) ? ExitCodes.ForVerdict(diagnosis.Verdict) : ExitCodes.Error;
    }

    /// <summary>Writes a report to standard output or, atomically, to FILE; false (with a message) when it could not.</summary>
    public static bool Write(CliEnvironment env, DiagnosisReport report, string format, string? output, string? input = null) =>
        WriteReport(env, format, output, [input], (stream, options) => Formatters[format]().Write(report, stream, options));

    /// <summary>
    /// Opens standard output or FILE (never one of <paramref name="inputs"/>), lets <paramref name="write"/> fill it and
    /// moves it into place; false, with the messages printed, when it could not.
    /// </summary>
    public static bool WriteReport(CliEnvironment env, string format, string? output, IEnumerable<string?>? inputs, Action<Stream, FormatOptions> write)
    {
        var errors = new List<string>();
        using var sink = ReportSink.Open(env, output, errors, inputs);
        if (sink is not null)
        {
            var options = new FormatOptions
            {
                Color = output is null && format == "text" && env.UseColor,
                WorkingDirectory = env.WorkingDirectory,
            };
            write(sink.Stream, options);
            sink.Commit(errors);
        }

        foreach (string e in errors)
        {
            env.Error.WriteLine(e);
        }

        return errors.Count == 0;
    }
}
