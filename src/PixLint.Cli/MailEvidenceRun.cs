using System.Text;
using PixLint.Diagnosis;
using PixLint.Output;

namespace PixLint.Cli;

/// <summary>
/// `pixlint diagnose` over TLS reports and MTA logs: each input opened once and streamed (gzip
/// unpacked), read as what its content is, summed per peer; `--config` lints firewall
/// configurations and ties their findings to the peers; then one report, worst peer first.
/// </summary>
internal static class MailEvidenceRun
{
    /// <summary>One formatter per output format of the per-peer report.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IPeerFormatter>> Formatters = new Dictionary<string, Func<IPeerFormatter>>(StringComparer.Ordinal)
    {
        ["text"] = () => new PeerTextFormatter(),
        ["json"] = () => new PeerJsonFormatter(),
        ["markdown"] = () => new PeerMarkdownFormatter(),
    };

    /// <summary>An opened input: its name and its content (unpacked), told from the first bytes.</summary>
    public sealed record OpenedInput(InputFile Input, Stream Content, EvidenceFormat Format) : IDisposable
    {
        /// <summary>Found in a folder walk (a file there that is neither report nor log is skipped with a note, not an error).</summary>
        public bool FromFolder { get; init; }

        public void Dispose() => Content.Dispose();
    }

    /// <summary>Files under a folder, recursively, in ordinal order (hidden entries skipped); files and `-` as given.</summary>
    public static (List<(InputFile File, bool FromFolder)> Files, List<string> Errors) Expand(CliEnvironment env, IReadOnlyList<string> paths)
    {
        var files = new List<(InputFile, bool)>();
        var errors = new List<string>();
        foreach (string path in paths)
        {
            if (path == "-")
            {
                files.Add((new InputFile("-", null), false));
                continue;
            }

            string full = env.ResolvePath(path);
            if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = true })
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    errors.Add($"{FileDiscovery.Display(path)}: error: the folder holds no files, expected TLS reports (.json, .json.gz) or MTA logs");
                }

                files.AddRange(found.Select(f => (new InputFile(FileDiscovery.Display(Path.GetRelativePath(env.WorkingDirectory, f)), f), true)));
            }
            else if (File.Exists(full))
            {
                files.Add((new InputFile(FileDiscovery.Display(path), full), false));
            }
            else
            {
                errors.Add($"{FileDiscovery.Display(path)}: error: no such file or directory");
            }
        }

        return (files, errors);
    }

    /// <summary>Opens an input and tells its format; null (with a message) when it cannot be read.</summary>
    public static OpenedInput? Open(CliEnvironment env, InputFile input, out string? error)
    {
        error = null;
        try
        {
            if (input.FullPath is not null && FileKinds.Of(input.FullPath) == FileKind.Special)
            {
                error = $"{input.DisplayPath}: error: not a regular file (a FIFO, socket or device); not read";
                return null;
            }

            Stream raw = input.FullPath is null ? env.OpenStdin() : env.FileSystem.OpenRead(input.FullPath);
            var (content, format, _) = MailEvidence.Open(raw);
            return new OpenedInput(input, content, format);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = $"{input.DisplayPath}: error: cannot read ({e.Message})";
            return null;
        }
    }

    public static int Run(CliEnvironment env, List<OpenedInput> inputs, IReadOnlyList<string> configPaths, string format, string? output)
    {
        var tally = new PeerTally();
        var log = new MtaLogReader(tally);
        var formats = new Dictionary<string, long>(StringComparer.Ordinal);
        bool failed = false;
        foreach (var input in inputs)
        {
            try
            {
                if (input.Format == EvidenceFormat.TlsReport)
                {
                    if (TlsReportReader.Read(input.Input.DisplayPath, input.Content, tally) is { } error)
                    {
                        env.Error.WriteLine(error);
                        failed = true;
                        continue;
                    }

                    formats["tlsrpt"] = formats.GetValueOrDefault("tlsrpt") + 1;
                }
                else
                {
                    using var reader = new StreamReader(input.Content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
                    log.Read(input.Input.DisplayPath, reader);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                env.Error.WriteLine($"{input.Input.DisplayPath}: error: cannot read ({e.Message}), expected a TLS report or an MTA log (gzip is unpacked)");
                failed = true;
            }
        }

        foreach (var (name, lines) in log.Formats)
        {
            formats[name] = lines;
        }

        IReadOnlyList<PeerVerdict> peers = tally.Verdicts();
        if (configPaths.Count > 0)
        {
            var configs = LintConfigs(env, configPaths);
            if (configs is null)
            {
                return ExitCodes.Error;
            }

            peers = FirewallCorrelation.Join(peers, configs);
        }

        var notes = new List<string>();
        if (formats.ContainsKey("postfix") && !tally.LogRecordsTls)
        {
            notes.Add("The Postfix log has no TLS lines: with `smtp_tls_loglevel = 1` and `smtpd_tls_loglevel = 1` it tells plain from encrypted sessions.");
        }

        if (peers.Count == 0)
        {
            notes.Add("No remote mail peer found: no TLS report entry and no log line about a remote SMTP session.");
        }

        var report = new PeerReport("diagnose", [.. inputs.Select(i => i.Input.DisplayPath)], peers) { Formats = formats, Domains = tally.Domains, Notes = notes };
        if (!Write(env, report, format, output, inputs.Select(i => i.Input.FullPath)) || failed)
        {
            return ExitCodes.Error;
        }

        return ExitCodes.ForVerdict(report.Worst);
    }

    /// <summary>Lints the firewall configurations with the default rules; null (errors printed) when one cannot be read.</summary>
    private static List<FileReport>? LintConfigs(CliEnvironment env, IReadOnlyList<string> paths)
    {
        var (files, _, errors) = FileDiscovery.Expand(paths, env.WorkingDirectory);
        var rules = CommonOptions.LoadRules(env, true, [], [], []);
        var options = CommonOptions.ModelOptions("auto", null, out string? optionError);
        if (rules is null || options is null)
        {
            env.Error.WriteLine($"pixlint: error: {optionError}");
            return null;
        }

        var linter = new Linter(options, rules);
        var reports = new List<FileReport>();
        foreach (var file in files)
        {
            var source = InputReader.ReadText(file, env, out string? error);
            if (source is null)
            {
                errors.Add(error!);
                continue;
            }

            reports.Add(linter.Lint(source));
        }

        foreach (string error in errors)
        {
            env.Error.WriteLine(error.Replace(": error:", ": error: --config:", StringComparison.Ordinal));
        }

        return errors.Count > 0 ? null : reports;
    }

    /// <summary>Writes a per-peer report to standard output or, atomically, to FILE; false (with a message) when it could not.</summary>
    public static bool Write(CliEnvironment env, PeerReport report, string format, string? output, IEnumerable<string?>? inputs = null) =>
        Commands.DiagnoseCommand.WriteReport(env, format, output, inputs, (stream, options) => Formatters[format]().Write(report, stream, options));
}
