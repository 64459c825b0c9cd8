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
    };

    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. Formatters.Keys]);
        return format;
    }

    public static Command Create(CliEnvironment env)
    {
        var path = new Argument<string>("transcript")
        {
            Description = "An SMTP session as captured (telnet/nc, S:/C: or Got:/Sent: logs, swaks, openssl s_client, a bounce), or - for standard input (the default)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "-",
        };
        var format = FormatOption();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output", HelpName = "FILE" };
        var command = new Command("diagnose", "Read an SMTP session and tell whether a Cisco SMTP fixup or ESMTP inspection is in its path")
        {
            path, format, output,
        };
        command.SetAction(result => Run(env, result.GetValue(path)!, result.GetValue(format)!, result.GetValue(output)));
        return command;
    }

    private static int Run(CliEnvironment env, string path, string format, string? output)
    {
        var input = path == "-" ? new InputFile("-", null) : new InputFile(FileDiscovery.Display(path), env.ResolvePath(path));
        if (input.FullPath is not null && Directory.Exists(input.FullPath))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: is a directory; diagnose takes one transcript");
            return ExitCodes.Error;
        }

        if (input.FullPath is not null && !File.Exists(input.FullPath))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: no such file or directory");
            return ExitCodes.Error;
        }

        var bytes = InputReader.Read(input, env, out string? error);
        if (bytes is null)
        {
            env.Error.WriteLine(error);
            return ExitCodes.Error;
        }

        var source = SourceText.From(input.DisplayPath, bytes);
        if (source.Text.Contains('\0', StringComparison.Ordinal))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: binary data (NUL bytes), expected an SMTP transcript in text");
            return ExitCodes.Error;
        }

        var transcript = TranscriptReader.Read(source);
        if (transcript.SmtpLineCount == 0 && transcript.Lines.All(l => l.Event == ToolEvent.None))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: no SMTP session found, expected server replies such as '220 mail.example.com ESMTP' or the output of telnet, swaks or openssl s_client");
            return ExitCodes.Error;
        }

        var diagnosis = SessionAnalyzer.Analyze(transcript);
        var report = new DiagnosisReport(input.DisplayPath, transcript, diagnosis);
        return Write(env, report, format, output, input.FullPath) ? ExitCodes.ForVerdict(diagnosis.Verdict) : ExitCodes.Error;
    }

    /// <summary>Writes a report to standard output or, atomically, to FILE; false (with a message) when it could not.</summary>
    public static bool Write(CliEnvironment env, DiagnosisReport report, string format, string? output, string? input = null)
    {
        var errors = new List<string>();
        using var sink = ReportSink.Open(env, output, errors, [input]);
        if (sink is not null)
        {
            var options = new FormatOptions
            {
                Color = output is null && format == "text" && env.UseColor,
                WorkingDirectory = env.WorkingDirectory,
            };
            Formatters[format]().Write(report, sink.Stream, options);
            sink.Commit(errors);
        }

        foreach (string e in errors)
        {
            env.Error.WriteLine(e);
        }

        return errors.Count == 0;
    }
}
