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
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files linted in parallel (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
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

        var command = new Command("lint", "Check configurations for settings that break STARTTLS")
        {
            paths, format, output, failOn, config, noConfig, rules, noDefaultRules, select, ignore, platform, version, showSecrets, maxUnknown, jobs,
            baseline, writeBaseline, skipNonConfigs, timeout, stdinFilename, statistics, color,
        };
        command.SetAction(result => Run(env, new Settings(
            result.GetValue(paths) ?? [],
            result.GetValue(format)!,
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
            Math.Max(1, result.GetValue(jobs)),
            result.GetValue(baseline),
            result.GetValue(writeBaseline),
            result.GetValue(skipNonConfigs),
            result.GetValue(timeout))
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
        string? MaxUnknown, int Jobs, string? Baseline, string? WriteBaseline, bool SkipNonConfigs, double Timeout)
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
        var (inputs, errors) = FileDiscovery.Expand(settings.Paths, env.WorkingDirectory, config is null ? null : config.Excludes, settings.SkipNonConfigs);
        if (settings.StdinFilename is { } stdinName)
        {
            inputs = [.. inputs.Select(i => i.FullPath is null ? i with { DisplayPath = stdinName } : i)];
        }

        var policy = new LintPolicy { SeverityOverrides = config?.SeverityOverrides ?? new Dictionary<string, Severity>(), MaxUnknown = maxUnknown };
        var linter = new Linter(modelOptions, ruleSet, policy);
        var formatOptions = new FormatOptions
        {
            ShowSecrets = settings.ShowSecrets,
            WorkingDirectory = env.WorkingDirectory,
            GeneratedAt = ReportTime(env),
        };

        var outcome = Lint(env, settings, inputs, linter, config, ruleSet, formatOptions, baselineRun);
        foreach (string e in errors.Concat(outcome.Errors))
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

        public bool Fails(string failOn) =>
            TooManyUnrecognized || (failOn != "none" && SeverityNames.TryParse(failOn, out var threshold) && Worst >= threshold);
    }

    /// <summary>
    /// Lints on --jobs worker threads while this thread writes each report, in input order, as soon
    /// as it is ready: output is deterministic whatever --jobs says, every core stays busy, and at
    /// most a few files per worker are held at once, so memory stays flat over thousands of files.
    /// A rule that fails stops the run after the files before it are written.
    /// </summary>
    private static Outcome Lint(CliEnvironment env, Settings settings, List<InputFile> inputs, Linter linter, ProjectConfig? config, RuleSet rules, FormatOptions options, BaselineRun baseline)
    {
        var outcome = new Outcome();
        var budget = TimeSpan.FromSeconds(settings.Timeout);
        using var reports = ReportOutputs.Open(env, settings.Targets, Formatters, options, ColorChoice.Resolve(env, settings.Color), settings.Statistics, rules.Rules, outcome.Errors);
        if (reports is null)
        {
            outcome.Failed = true;
            return outcome;
        }

        var summary = new LintSummary();
        var progress = Progress.Create(env, inputs.Count);
        using (var workers = new OrderedWorkers<InputFile, (InputFile Input, FileReport? Report, string? Error)>(
            inputs, settings.Jobs, window: settings.Jobs * 8, input =>
            {
                var (report, error) = LintOne(env, input, PathOf(env, settings, input), linter, config, options.ShowSecrets, budget);
                return (input, report, error);
            }))
        {
            foreach (var (input, linted, error) in workers.Results())
            {
                progress.Advance(1);
                if (error is not null)
                {
                    outcome.Errors.Add(error);
                    outcome.Failed |= error.Contains(": error: rule ", StringComparison.Ordinal);
                    outcome.InputError = true;
                    if (outcome.Failed)
                    {
                        break;
                    }

                    continue;
                }

                var report = baseline.Filter(linted!, PathOf(env, settings, input), options);
                reports.Add(report);
                summary = summary.Add(report);
                outcome.InputError |= report.IsNotAConfig;
                outcome.TooManyUnrecognized |= report.HasTooManyUnrecognized;
                foreach (var f in report.Findings)
                {
                    outcome.Worst = outcome.Worst is null || f.Severity > outcome.Worst ? f.Severity : outcome.Worst;
                }
            }
        }

        progress.Done();
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

    /// <summary>The full path per-path rules and the baseline see: the file's, or --stdin-filename's for standard input.</summary>
    private static string? PathOf(CliEnvironment env, Settings settings, InputFile input) =>
        input.FullPath ?? (settings.StdinFilename is { } name ? env.ResolvePath(name) : null);

    private static (FileReport? Report, string? Error) LintOne(CliEnvironment env, InputFile input, string? rulesPath, Linter linter, ProjectConfig? config, bool showSecrets, TimeSpan budget)
    {
        var source = InputReader.ReadText(input, env, out string? readError);
        if (source is null)
        {
            return (null, readError);
        }

        try
        {
            var ignored = rulesPath is not null && config is not null ? config.IgnoredFor(rulesPath).ToList() : null;
            using (TimeBudget.Enter(new TimeBudget(budget, env.Time)))
            {
                return (linter.Lint(source, ignored), null);
            }
        }
        catch (TimeBudgetExceededException e)
        {
            return (null, $"{input.DisplayPath}: error: {e.Message}");
        }
        catch (RuleEvaluationException e)
        {
            // The message may quote the words the rule was looking at: scrub the file's secrets from it.
            string message = showSecrets ? e.Message : SecretValues.Collect(ConfigParser.Parse(source)).Scrub(e.Message);
            return (null, $"{input.DisplayPath}: error: {LosslessUtf8.ToDisplay(message)}");
        }
    }
}
