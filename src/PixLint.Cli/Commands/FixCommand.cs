using System.CommandLine;
using PixLint.Output;
using PixLint.Output.FixWriters;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Cli.Commands;

/// <summary>
/// `pixlint fix PATH...`: the device commands (with save, verify and rollback), a unified diff, or
/// the corrected configuration; `--write [--backup]` rewrites the files atomically.
/// </summary>
internal static class FixCommand
{
    /// <summary>One factory per output format.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IFixWriter>> Writers = new Dictionary<string, Func<IFixWriter>>(StringComparer.Ordinal)
    {
        ["commands"] = () => new CommandsFixWriter(),
        ["diff"] = () => new DiffFixWriter(),
        ["config"] = () => new ConfigFixWriter(),
    };

    public static Command Create(CliEnvironment env)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Configuration files, directories (searched recursively) or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "commands (configuration-mode script, save, verify, rollback), diff (unified diff), config (the corrected file)",
            DefaultValueFactory = _ => "commands",
        };
        format.AcceptOnlyFromAmong([.. Writers.Keys]);
        var strategy = new Option<string?>("--strategy")
        {
            Description = "allow-tls (keep ESMTP inspection, allow STARTTLS) or disable-inspection (no inspect esmtp); default: the best the version supports",
            HelpName = "allow-tls|disable-inspection",
        };
        strategy.AcceptOnlyFromAmong([.. RemediationStrategies.Choosable]);
        var write = new Option<bool>("--write") { Description = "Rewrite the files with the fixes applied (atomically: temporary file, then rename)" };
        var backup = new Option<bool>("--backup") { Description = "With --write: keep the original as FILE.orig (or FILE.orig.N when taken)" };
        var force = new Option<bool>("--force") { Description = "With --write: also replace a file that has other hard links (they keep the original contents)" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with 1 when a finding of this severity or higher remains after the fixes (default: warning)" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var config = new Option<string?>("--config") { Description = $"Project configuration (default: {ProjectConfig.FileName} found upward from the current folder)", HelpName = "FILE" };
        var noConfig = new Option<bool>("--no-config") { Description = $"Ignore {ProjectConfig.FileName} files" };
        var platform = CommonOptions.Platform();
        var version = CommonOptions.OsVersion();
        var showSecrets = CommonOptions.ShowSecrets();
        var rules = CommonOptions.Rules();
        var noDefaultRules = CommonOptions.NoDefaultRules();
        var select = new Option<string[]>("--select") { Description = "Only fix these rules' findings (ids or id prefixes, comma-separated)", HelpName = "ID,..." };
        var ignore = new Option<string[]>("--ignore") { Description = "Leave these rules out (ids or id prefixes, comma-separated)", HelpName = "ID,..." };
        var timeout = CommonOptions.Timeout();

        var command = new Command("fix", "Write the fix: device commands with rollback, a diff, or the corrected configuration")
        {
            paths, format, strategy, write, backup, force, failOn, config, noConfig, rules, noDefaultRules, select, ignore, platform, version, showSecrets,
            timeout,
        };
        command.SetAction(result => Run(env, new Settings(
            result.GetValue(paths) ?? [],
            result.GetValue(format)!,
            result.GetValue(strategy),
            result.GetValue(write),
            result.GetValue(backup),
            result.GetValue(force),
            result.GetValue(failOn),
            result.GetValue(config),
            result.GetValue(noConfig),
            result.GetValue(platform)!,
            result.GetValue(version),
            result.GetValue(showSecrets),
            result.GetValue(rules) ?? [],
            result.GetValue(noDefaultRules),
            CommonOptions.SplitIds(result.GetValue(select)),
            CommonOptions.SplitIds(result.GetValue(ignore)),
            result.GetValue(timeout))));
        return command;
    }

    private sealed record Settings(
        string[] Paths, string Format, string? Strategy, bool Write, bool Backup, bool Force, string? FailOn, string? Config, bool NoConfig,
        string Platform, string? Version, bool ShowSecrets, string[] Rules, bool NoDefaultRules, IReadOnlyList<string> Select, IReadOnlyList<string> Ignore, double Timeout);

    /// <summary>What the run did, for the summary and the exit code.</summary>
    private sealed class Tally
    {
        public int Errors { get; set; }

        public int Fixes { get; set; }

        public int FilesChanged { get; set; }

        public int FilesWritten { get; set; }

        public int Remaining { get; set; }

        public bool Fails { get; set; }
    }

    private static int Run(CliEnvironment env, Settings settings)
    {
        if (settings.Backup && !settings.Write)
        {
            return Usage(env, "--backup only makes sense with --write");
        }

        if (settings.Force && !settings.Write)
        {
            return Usage(env, "--force only makes sense with --write");
        }

        if (settings.Write && settings.Format == "config")
        {
            return Usage(env, "--write rewrites the files; --format config prints the corrected file instead: use one or the other");
        }

        if (CommonOptions.TimeoutValue(env, settings.Timeout) is null)
        {
            return ExitCodes.Error;
        }

        var project = CommonOptions.LoadProjectConfig(env, settings.Config, settings.NoConfig);
        if (project is { Error: true })
        {
            return ExitCodes.Error;
        }

        var config = project?.Config;
        var modelOptions = CommonOptions.ModelOptions(settings.Platform, settings.Version, out string? error, config);
        if (modelOptions is null)
        {
            return Usage(env, error!);
        }

        var ruleSet = CommonOptions.LoadRules(
            env,
            !(settings.NoDefaultRules || config?.NoDefaultRules == true),
            [.. config?.Rules ?? [], .. settings.Rules],
            settings.Select.Count > 0 ? settings.Select : config?.Select ?? [],
            [.. config?.Ignore ?? [], .. settings.Ignore]);
        if (ruleSet is null)
        {
            return ExitCodes.Error;
        }

        var discovery = FileDiscovery.Expand(settings.Paths, env.WorkingDirectory, new DiscoveryOptions { Config = config });
        var (inputs, discoveryErrors) = (discovery.Files, discovery.Errors);
        var writer = Writers[settings.Format]();
        if (writer.OneFileOnly && inputs.Count + discoveryErrors.Count != 1)
        {
            return Usage(env, $"--format {settings.Format} prints one corrected file; give exactly one file (or use --write for several)");
        }

        if (settings.Write && inputs.Exists(i => i.FullPath is null))
        {
            return Usage(env, "standard input cannot be written back (--write); use --format config to print the corrected file");
        }

        foreach (string e in discoveryErrors)
        {
            env.Error.WriteLine(e);
        }

        string failOn = settings.FailOn ?? config?.FailOn ?? "warning";
        var remediator = new Remediator(new RemediationOptions { Strategy = settings.Strategy });
        var policy = new LintPolicy { SeverityOverrides = config?.SeverityOverrides ?? new Dictionary<string, Severity>() };
        var linter = new Linter(modelOptions, ruleSet, policy, remediator);
        var tally = new Tally { Errors = discoveryErrors.Count };
        if (CommonOptions.Applied(
            env, config, ruleSet, ("select", settings.Select.Count > 0), ("fail-on", settings.FailOn is not null),
            ("platform", !settings.Platform.Equals("auto", StringComparison.OrdinalIgnoreCase)), ("os-version", settings.Version is not null)) is { } applied)
        {
            env.Error.WriteLine($"pixlint: {applied.Describe()}");
        }

        using (var stdout = env.OpenStdout())
        {
            var context = new FixWriterContext(stdout, ruleSet, settings.ShowSecrets);
            foreach (var input in inputs)
            {
                FixOne(env, settings, input, linter, config, writer, context, failOn, tally);
            }

            stdout.Flush();
        }

        if (writer is DiffFixWriter { Redacted: true })
        {
            env.Error.WriteLine("pixlint: secrets on the diff's lines were redacted, so it will not apply as is; --show-secrets gives a diff that patch can apply");
        }

        env.Error.WriteLine(Summary(tally, settings.Write));
        if (tally.Errors > 0)
        {
            return ExitCodes.Error;
        }

        return tally.Fails ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static void FixOne(CliEnvironment env, Settings settings, InputFile input, Linter linter, ProjectConfig? config, IFixWriter writer, FixWriterContext context, string failOn, Tally tally)
    {
        // --write locks the file before reading it and keeps the lock until the fixed file is in place,
        // so that a second `fix --write` on the same file waits and then fixes the fixed file.
        string? openError = null;
        using var rewrite = settings.Write && input.FullPath is not null
            ? AtomicFileWriter.Open(env.FileSystem, input.FullPath, input.DisplayPath, settings.Force, out openError)
            : null;
        byte[]? bytes;
        if (settings.Write && input.FullPath is not null)
        {
            bytes = rewrite?.Original;
            if (bytes is null)
            {
                Error(env, tally, openError!);
                return;
            }
        }
        else
        {
            bytes = InputReader.Read(input, env, out string? readError);
            if (bytes is null)
            {
                Error(env, tally, readError!);
                return;
            }
        }

        FixResult result;
        var fileBudget = new TimeBudget(TimeSpan.FromSeconds(settings.Timeout), env.Time);
        try
        {
            using var budget = TimeBudget.Enter(fileBudget);
            var ignored = input.FullPath is not null && config is not null ? config.IgnoredFor(input.FullPath).ToList() : null;
            var before = linter.Lint(SourceText.From(input.DisplayPath, bytes), ignored);
            if (before.Diagnostics.FirstOrDefault(d => d.Code == ParseDiagnostic.NotAConfig) is { } notConfig)
            {
                Error(env, tally, $"{input.DisplayPath}: error: {notConfig.Message}");
                return;
            }

            if ((settings.Write || settings.Format != "commands") && before.Diagnostics.Any(d => d.Message == RestResponse.Note))
            {
                Error(env, tally, $"{input.DisplayPath}: error: it is an ASA REST API response (JSON); PixLint does not rewrite it, "
                    + $"so --{(settings.Write ? "write" : "format " + settings.Format)} is refused and nothing was written: use --format commands for the device commands, "
                    + "or save the configuration decoded (`jq -r '.response[]' FILE`) and fix that");
                return;
            }

            if (linter.Remediator.DeviceProblem(before.Model!) is { } problem)
            {
                Error(env, tally, $"{input.DisplayPath}: error: --strategy {settings.Strategy}: {problem}");
                return;
            }

            result = new FileFixer(linter).Fix(before, ignored);
        }
        catch (TimeBudgetExceededException e)
        {
            // Its message quotes nothing of the file: no second parse to scrub it (that parse took longer than the budget).
            Error(env, tally, $"{input.DisplayPath}: error: {e.Message}");
            return;
        }
        catch (RuleEvaluationException e)
        {
            // A rule's failure may quote the words it was looking at: scrub the file's secrets from it.
            string message = settings.ShowSecrets ? e.Message : SecretValues.Collect(ConfigParser.Parse(SourceText.From(input.DisplayPath, bytes))).Scrub(e.Message);
            Error(env, tally, $"{input.DisplayPath}: error: {LosslessUtf8.ToDisplay(message)}");
            return;
        }

        if (!result.Converged)
        {
            Error(env, tally, $"{input.DisplayPath}: error: the fixes kept changing the file after {FileFixer.MaxRounds} rounds; "
                + "this is a bug in PixLint, please report it with the file; nothing was written");
            return;
        }

        try
        {
            // Writing the fix continues the file's time budget (the diff and the commands check it).
            using (TimeBudget.Enter(new TimeBudget(fileBudget.Limit, env.Time, fileBudget.Elapsed)))
            {
                writer.Write(result, context);
            }
        }
        catch (TimeBudgetExceededException e)
        {
            Error(env, tally, $"{input.DisplayPath}: error: {e.Message} while writing its fix; the output is incomplete and nothing was written");
            return;
        }

        tally.Fixes += result.Applied.Count;
        tally.Remaining += result.After.Findings.Count;
        tally.Fails |= failOn != "none" && SeverityNames.TryParse(failOn, out var threshold) && result.After.Findings.Any(f => f.Severity >= threshold);
        if (!result.Changed)
        {
            return;
        }

        tally.FilesChanged++;
        if (settings.Write)
        {
            string? writeError = rewrite!.Replace(result.Text.ToBytes(), settings.Backup, out string? backupPath);
            if (writeError is not null)
            {
                Error(env, tally, writeError);
                return;
            }

            tally.FilesWritten++;
            env.Error.WriteLine(backupPath is null
                ? $"{input.DisplayPath}: fixed"
                : $"{input.DisplayPath}: fixed (original kept as {FileDiscovery.Display(Path.GetRelativePath(env.WorkingDirectory, backupPath))})");
        }
    }

    private static string Summary(Tally tally, bool write)
    {
        string fixes = tally.Fixes == 1 ? "1 fix" : $"{tally.Fixes} fixes";
        string files = tally.FilesChanged == 1 ? "1 file" : $"{tally.FilesChanged} files";
        string done = tally.Fixes == 0 ? "nothing to fix" : write ? $"{fixes} applied, {tally.FilesWritten} of {files} written" : $"{fixes} for {files}";
        string remaining = tally.Remaining == 0
            ? "nothing remains"
            : $"{tally.Remaining} finding{(tally.Remaining == 1 ? string.Empty : "s")} without an automatic fix remain{(tally.Remaining == 1 ? "s" : string.Empty)}";
        string errors = tally.Errors == 0 ? string.Empty : $"; {tally.Errors} error{(tally.Errors == 1 ? string.Empty : "s")}";
        return $"pixlint fix: {done}; {remaining}{errors}.";
    }

    private static void Error(CliEnvironment env, Tally tally, string message)
    {
        env.Error.WriteLine(message);
        tally.Errors++;
    }

    private static int Usage(CliEnvironment env, string message)
    {
        env.Error.WriteLine($"pixlint: error: {message}");
        return ExitCodes.Error;
    }
}
