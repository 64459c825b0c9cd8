using System.CommandLine;
using PixLint.Output;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint lint [PATH...]`: lint files, directories (recursively) or standard input.</summary>
internal static class LintCommand
{
    /// <summary>One factory per output format (a formatter instance serves one run).</summary>
    public static readonly IReadOnlyDictionary<string, Func<IReportFormatter>> Formatters = new Dictionary<string, Func<IReportFormatter>>(StringComparer.Ordinal)
    {
        ["text"] = () => new TextFormatter(),
        ["json"] = () => new JsonFormatter(),
        ["sarif"] = () => new SarifFormatter(),
        ["github"] = () => new GitHubFormatter(),
        ["junit"] = () => new JUnitFormatter(),
        ["html"] = () => new HtmlFormatter(),
        ["gitlab"] = () => new GitLabFormatter(),
        ["checkstyle"] = () => new CheckstyleFormatter(),
        ["markdown"] = () => new MarkdownFormatter(),
    };

    public static Command Create(CliEnvironment env)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files, directories (searched recursively for configurations) or - for standard input",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string[]>("--format", "-f")
        {
            Description = $"Output format, and optionally its file (repeatable: -f text -f sarif:pixlint.sarif): {string.Join("|", Formatters.Keys)} (default text)",
            HelpName = "FORMAT[:FILE]",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output", HelpName = "FILE" };
        var stdinFilename = new Option<string?>("--stdin-filename") { Description = "The path of the configuration read from standard input, for reports and per-path rules", HelpName = "NAME" };
        var statistics = new Option<bool>("--statistics") { Description = "Print how many findings each rule made in place of the text report" };
        var color = new Option<string?>("--color") { Description = "Colour the text report: auto (a terminal, NO_COLOR unset, or FORCE_COLOR set), always, never", HelpName = "WHEN" };
        color.AcceptOnlyFromAmong(ColorChoice.Values);
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with 1 when a finding has this severity or higher (default: warning)" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var config = new Option<string?>("--config") { Description = $"Project configuration (default: {ProjectConfig.FileName} found upward from the current folder)", HelpName = "FILE" };
        var noConfig = new Option<bool>("--no-config") { Description = $"Ignore {ProjectConfig.FileName} files" };
        var maxUnknown = new Option<string?>("--max-unknown") { Description = "Fail when a file has more unrecognised lines than N (or N%)", HelpName = "N|N%" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Files linted in parallel (default: one per core)", HelpName = "N" };
        var platform = CommonOptions.Platform();
        var version = CommonOptions.OsVersion();
        var showSecrets = CommonOptions.ShowSecrets();
        var rules = CommonOptions.Rules();
        var noDefaultRules = CommonOptions.NoDefaultRules();
        var select = new Option<string[]>("--select") { Description = "Only these rules (ids or id prefixes, comma-separated)", HelpName = "ID,..." };
        var ignore = new Option<string[]>("--ignore") { Description = "Skip these rules (ids or id prefixes, comma-separated)", HelpName = "ID,..." };
        var skipNonConfigs = new Option<bool>("--skip-non-configs") { Description = "Skip named files that do not look like a configuration instead of failing (for file lists from pre-commit or git)" };
        var baseline = new Option<string?>("--baseline") { Description = "Suppress the findings recorded in FILE (see --write-baseline)", HelpName = "FILE" };
        var timeout = CommonOptions.Timeout();
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Record the current findings in FILE as accepted, and exit 0", HelpName = "FILE" };
        var include = new Option<string[]>("--include") { Description = "In folders, look only at files matching GLOB (repeatable; a GLOB without / matches at any depth)", HelpName = "GLOB" };
        var exclude = new Option<string[]>("--exclude") { Description = "In folders, never lint files matching GLOB (repeatable)", HelpName = "GLOB" };
        var listFiles = new Option<bool>("--list-files") { Description = "Print the files that would be linted and every file skipped, with the reason, and exit" };

        var command = new Command("lint", "Check configurations for settings that break STARTTLS")
        {
            paths, format, output, failOn, config, noConfig, rules, noDefaultRules, select, ignore, platform, version, showSecrets, maxUnknown, jobs,
            baseline, writeBaseline, skipNonConfigs, include, exclude, listFiles, timeout, stdinFilename, statistics, color,
        };
        command.SetAction(result => Run(env, new Settings(
            result.GetValue(paths) ?? [],
            result.GetValue(format) ?? [],
            result.GetValue(output),
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
            result.GetValue(maxUnknown),
            Math.Max(1, result.GetValue(jobs) ?? Environment.ProcessorCount),
            result.GetValue(baseline),
            result.GetValue(writeBaseline),
            result.GetValue(skipNonConfigs),
            result.GetValue(timeout),
            result.GetValue(include) ?? [],
            result.GetValue(exclude) ?? [],
            result.GetValue(listFiles))
        {
            StdinFilename = result.GetValue(stdinFilename),
            Statistics = result.GetValue(statistics),
            Color = result.GetValue(color),
        }));
        return command;
    }

    private sealed record Settings(
        string[] Paths, string[] Format, string? Output, string? FailOn, string? Config, bool NoConfig, string Platform, string? Version,
        bool ShowSecrets, string[] Rules, bool NoDefaultRules, IReadOnlyList<string> Select, IReadOnlyList<string> Ignore,
        string? MaxUnknown, int Jobs, string? Baseline, string? WriteBaseline, bool SkipNonConfigs, double Timeout,
        string[] Include, string[] Exclude, bool ListFiles)
    {
        public string? StdinFilename { get; init; }

        public bool Statistics { get; init; }

        public string? Color { get; init; }

        /// <summary>The reports to write (set once the options are checked).</summary>
        public IReadOnlyList<ReportTarget> Targets { get; init; } = [];
    }

    private static int Run(CliEnvironment env, Settings settings)
    {
        if (CommonOptions.TimeoutValue(env, settings.Timeout) is null)
        {
            return ExitCodes.Error;
        }

        var targets = ReportOutputs.Parse(settings.Format, settings.Output, [.. Formatters.Keys], env.WorkingDirectory, out string? targetError);
        if ((targetError ?? (targets is null ? null : ReportOutputs.CheckStatistics(targets, settings.Statistics))) is { } usage)
        {
            env.Error.WriteLine($"pixlint: error: {usage}");
            return ExitCodes.Error;
        }

        settings = settings with { Targets = targets! };

        var project = CommonOptions.LoadProjectConfig(env, settings.Config, settings.NoConfig);
        if (project is { Error: true })
        {
            return ExitCodes.Error;
        }

        var config = project?.Config;
        var discovery = FileDiscovery.Expand(settings.Paths, env.WorkingDirectory, new DiscoveryOptions
        {
            Include = new GlobSet(settings.Include),
            Exclude = new GlobSet(settings.Exclude),
            Config = config,
            SkipNonConfigs = settings.SkipNonConfigs,
        });
        if (settings.ListFiles)
        {
            return ListFiles(env, discovery);
        }

        var modelOptions = CommonOptions.ModelOptions(settings.Platform, settings.Version, out string? error, config);
        if (modelOptions is null)
        {
            env.Error.WriteLine($"pixlint: error: {error}");
            return ExitCodes.Error;
        }

        var maxUnknown = config?.MaxUnknown;
        if (settings.MaxUnknown is { } text)
        {
            maxUnknown = ProjectConfig.ParseMaxUnknown(text);
            if (maxUnknown is null)
            {
                env.Error.WriteLine($"pixlint: error: --max-unknown: '{text}' is not a count (10) or a percentage (5%)");
                return ExitCodes.Error;
            }
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

        var baselineRun = BaselineRun.Open(env, settings.Baseline, settings.WriteBaseline);
        if (baselineRun is null)
        {
            return ExitCodes.Error;
        }

        string failOn = settings.FailOn ?? config?.FailOn ?? "warning";
        var (inputs, skipped, errors) = discovery;
        if (settings.StdinFilename is { } stdinName)
        {
            inputs = [.. inputs.Select(i => i.FullPath is null ? i with { DisplayPath = stdinName } : i)];
        }

        foreach (string e in errors)
        {
            env.Error.WriteLine(e);
        }

        if (inputs.Count == 0 && errors.Count == 0 && !settings.SkipNonConfigs)
        {
            string where = string.Join(", ", (settings.Paths.Length == 0 ? ["."] : settings.Paths).Select(FileDiscovery.Display));
            env.Error.WriteLine($"pixlint: no configuration found in {where} ({Plural(skipped.Count, "file")} looked at, none is a PIX/ASA/FWSM/FTD configuration; --list-files shows why)");
            return ExitCodes.Error;
        }

        var policy = new LintPolicy { SeverityOverrides = config?.SeverityOverrides ?? new Dictionary<string, Severity>(), MaxUnknown = maxUnknown };
        var linter = new Linter(modelOptions, ruleSet, policy);
        var formatOptions = new FormatOptions
        {
            ShowSecrets = settings.ShowSecrets,
            WorkingDirectory = env.WorkingDirectory,
            GeneratedAt = ReportTime(env),
            Project = CommonOptions.Applied(
                env, config, ruleSet, ("select", settings.Select.Count > 0), ("fail-on", settings.FailOn is not null), ("max-unknown", settings.MaxUnknown is not null),
                ("platform", !settings.Platform.Equals("auto", StringComparison.OrdinalIgnoreCase)), ("os-version", settings.Version is not null)),
        };

        var outcome = Lint(env, settings, inputs, new LintSummary { Skipped = skipped.Count, Unreadable = errors.Count }, linter, config, ruleSet, formatOptions, baselineRun);
        foreach (string e in outcome.Errors)
        {
            env.Error.WriteLine(e);
        }

        if (outcome.Failed)
        {
            return ExitCodes.Error;
        }

        if (errors.Count > 0 || outcome.InputError)
        {
            return ExitCodes.Error;
        }

        // Writing a baseline accepts the findings: the run succeeds (files over --max-unknown still fail it).
        bool fails = baselineRun.IsWriting ? outcome.TooManyUnrecognized : outcome.Fails(failOn);
        return fails ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>Now, or SOURCE_DATE_EPOCH (reproducible builds) when set.</summary>
    private static DateTimeOffset ReportTime(CliEnvironment env) =>
        long.TryParse(env.GetVariable("SOURCE_DATE_EPOCH"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : DateTimeOffset.UtcNow;

    private sealed class Outcome
    {
        public List<string> Errors { get; } = [];

        public bool InputError { get; set; }

        /// <summary>The run stopped (a rule failed, the report could not be written).</summary>
        public bool Failed { get; set; }

        public Severity? Worst { get; set; }

        public bool TooManyUnrecognized { get; set; }

        /// <summary>A file's report was cut short (its time budget ran out while writing it).</summary>
        public bool Incomplete { get; set; }

        public bool Fails(string failOn) =>
            TooManyUnrecognized || (failOn != "none" && SeverityNames.TryParse(failOn, out var threshold) && Worst >= threshold);
    }

    /// <summary>
    /// Lints on --jobs worker threads while this thread writes each report, in input order, as soon
    /// as it is ready: output is deterministic whatever --jobs says, every core stays busy, and at
    /// most a few files per worker are held at once, so memory stays flat over thousands of files.
    /// A rule that fails stops the run after the files before it are written.
    /// </summary>
    private static Outcome Lint(CliEnvironment env, Settings settings, List<InputFile> inputs, LintSummary summary, Linter linter, ProjectConfig? config, RuleSet rules, FormatOptions options, BaselineRun baseline)
    {
        var outcome = new Outcome();
        var budget = TimeSpan.FromSeconds(settings.Timeout);
        using var reports = ReportOutputs.Open(
            env, settings.Targets, Formatters, options, ColorChoice.Resolve(env, settings.Color), settings.Statistics, rules.Rules, outcome.Errors, inputs.Select(i => i.FullPath));
        if (reports is null)
        {
            outcome.Failed = true;
            return outcome;
        }

        var progress = Progress.Create(env, inputs.Count);
        using (var workers = new OrderedWorkers<InputFile, (InputFile Input, FileReport? Report, string? Error, TimeSpan Spent)>(
            inputs, settings.Jobs, window: settings.Jobs * 8, input =>
            {
                var (report, error, spent) = LintOne(env, input, PathOf(env, settings, input), linter, config, options.ShowSecrets, budget);
                return (input, report, error, spent);
            }))
        {
            foreach (var (input, linted, error, spent) in workers.Results())
            {
                progress.Advance(1);
                if (error is not null)
                {
                    // Printed now, before the summary, so that the summary is read after it.
                    env.Error.WriteLine(error);
                    summary = summary with { Unreadable = summary.Unreadable + 1 };
                    outcome.Failed |= error.Contains(": error: rule ", StringComparison.Ordinal);
                    outcome.InputError = true;
                    if (outcome.Failed)
                    {
                        break;
                    }

                    continue;
                }

                var report = baseline.Filter(linted!, PathOf(env, settings, input), options);
                try
                {
                    // Writing the file's report continues its time budget (the formatters check it per finding).
                    using (TimeBudget.Enter(new TimeBudget(budget, env.Time, spent)))
                    {
                        reports.Add(report);
                    }
                }
                catch (TimeBudgetExceededException e)
                {
                    // Part of its report is written: the report is incomplete, so the run stops (no -o file is replaced).
                    outcome.Errors.Add($"{input.DisplayPath}: error: {e.Message} while writing its report; the report is incomplete");
                    outcome.Failed = outcome.Incomplete = true;
                    break;
                }

                summary = summary.Add(report);
                outcome.InputError |= report.IsNotAConfig;
                outcome.TooManyUnrecognized |= report.HasTooManyUnrecognized;
                foreach (var severity in report.Findings.Select(f => f.Severity).Concat(report.CountedDiagnostics.Select(d => d.Severity)))
                {
                    outcome.Worst = outcome.Worst is null || severity > outcome.Worst ? severity : outcome.Worst;
                }
            }
        }

        progress.Done();
        if (outcome.Incomplete)
        {
            return outcome; // no summary, and no -o file is replaced (disposing the reports removes their temporary files)
        }

        summary = summary with { Baseline = baseline.Outcome() };
        reports.End(summary);
        if (!baseline.Finish(summary.Baseline, outcome.Errors))
        {
            outcome.Failed = true;
        }

        if (!reports.Commit(outcome.Errors))
        {
            outcome.Failed = true;
        }

        return outcome;
    }

    /// <summary>`--list-files`: every file that would be linted and every file skipped, with the reason; errors on standard error.</summary>
    private static int ListFiles(CliEnvironment env, Discovery discovery)
    {
        foreach (var file in discovery.Files)
        {
            env.Out.WriteLine($"lint {file.DisplayPath}: {file.Why}");
        }

        foreach (var file in discovery.Skipped)
        {
            env.Out.WriteLine($"skip {file.DisplayPath}: {file.Reason}");
        }

        foreach (string e in discovery.Errors)
        {
            env.Error.WriteLine(e);
        }

        env.Out.WriteLine($"{Plural(discovery.Files.Count, "file")} to lint, {discovery.Skipped.Count} skipped{(discovery.Errors.Count > 0 ? $", {discovery.Errors.Count} that cannot be read" : string.Empty)}.");
        env.Out.Flush();
        return discovery.Errors.Count > 0 ? ExitCodes.Error : ExitCodes.Clean;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    /// <summary>The full path per-path rules and the baseline see: the file's, or --stdin-filename's for standard input.</summary>
    private static string? PathOf(CliEnvironment env, Settings settings, InputFile input) =>
        input.FullPath ?? (settings.StdinFilename is { } name ? env.ResolvePath(name) : null);

    private static (FileReport? Report, string? Error, TimeSpan Spent) LintOne(CliEnvironment env, InputFile input, string? rulesPath, Linter linter, ProjectConfig? config, bool showSecrets, TimeSpan budget)
    {
        var source = InputReader.ReadText(input, env, out string? readError);
        if (source is null)
        {
            return (null, readError, default);
        }

        try
        {
            var ignored = rulesPath is not null && config is not null ? config.IgnoredFor(rulesPath).ToList() : null;
            var fileBudget = new TimeBudget(budget, env.Time);
            using (TimeBudget.Enter(fileBudget))
            {
                return (linter.Lint(source, ignored), null, fileBudget.Elapsed);
            }
        }
        catch (TimeBudgetExceededException e)
        {
            return (null, $"{input.DisplayPath}: error: {e.Message}", default);
        }
        catch (RuleEvaluationException e)
        {
            // The message may quote the words the rule was looking at: scrub the file's secrets from it.
            string message = showSecrets ? e.Message : SecretValues.Collect(ConfigParser.Parse(source)).Scrub(e.Message);
            return (null, $"{input.DisplayPath}: error: {LosslessUtf8.ToDisplay(message)}", default);
        }
    }
}
