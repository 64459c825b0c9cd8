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
    };

    public static Command Create(CliEnvironment env)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files, directories (searched recursively for configurations) or - for standard input",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. Formatters.Keys]);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output", HelpName = "FILE" };
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
            baseline, writeBaseline, skipNonConfigs, timeout,
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
            result.GetValue(timeout))));
        return command;
    }

    private sealed record Settings(
        string[] Paths, string Format, string? Output, string? FailOn, string? Config, bool NoConfig, string Platform, string? Version,
        bool ShowSecrets, string[] Rules, bool NoDefaultRules, IReadOnlyList<string> Select, IReadOnlyList<string> Ignore,
        string? MaxUnknown, int Jobs, string? Baseline, string? WriteBaseline, bool SkipNonConfigs, double Timeout);

    private static int Run(CliEnvironment env, Settings settings)
    {
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
        var policy = new LintPolicy { SeverityOverrides = config?.SeverityOverrides ?? new Dictionary<string, Severity>(), MaxUnknown = maxUnknown };
        var linter = new Linter(modelOptions, ruleSet, policy);
        var formatOptions = new FormatOptions
        {
            ShowSecrets = settings.ShowSecrets,
            Color = settings.Output is null && settings.Format == "text" && env.UseColor,
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
    private static Outcome Lint(CliEnvironment env, Settings settings, List<InputFile> inputs, Linter linter, ProjectConfig? config, RuleSet rules, FormatOptions options, BaselineRun baseline)
    {
        var outcome = new Outcome();
        var budget = TimeSpan.FromSeconds(settings.Timeout);
        using var sink = ReportSink.Open(env, settings.Output, outcome.Errors);
        if (sink is null)
        {
            outcome.Failed = true;
            return outcome;
        }

        using (var formatter = Formatters[settings.Format]())
        {
            formatter.Begin(new ReportContext(sink.Stream, options, rules.Rules));
            var summary = new LintSummary();
            var progress = Progress.Create(env, inputs.Count);
            using (var workers = new OrderedWorkers<InputFile, (InputFile Input, FileReport? Report, string? Error, TimeSpan Spent)>(
                inputs, settings.Jobs, window: settings.Jobs * 8, input =>
                {
                    var (report, error, spent) = LintOne(env, input, linter, config, options.ShowSecrets, budget);
                    return (input, report, error, spent);
                }))
            {
                foreach (var (input, linted, error, spent) in workers.Results())
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

                    var report = baseline.Filter(linted!, input.FullPath, options);
                    try
                    {
                        // Writing the file's report continues its time budget (the formatters check it per finding).
                        using (TimeBudget.Enter(new TimeBudget(budget, env.Time, spent)))
                        {
                            formatter.Add(report);
                        }
                    }
                    catch (TimeBudgetExceededException e)
                    {
                        // Part of its report is written: the report is incomplete, so the run stops (an -o file is not replaced).
                        outcome.Errors.Add($"{input.DisplayPath}: error: {e.Message} while writing its report; the report is incomplete");
                        outcome.Failed = outcome.Incomplete = true;
                        break;
                    }

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
            if (outcome.Incomplete)
            {
                return outcome; // no summary, and an -o file is not replaced (disposing the sink removes its temporary file)
            }

            summary = summary with { Baseline = baseline.Outcome() };
            formatter.End(summary);
            if (!baseline.Finish(summary.Baseline, outcome.Errors))
            {
                outcome.Failed = true;
            }
        }

        if (!sink.Commit(outcome.Errors))
        {
            outcome.Failed = true;
        }

        return outcome;
    }

    private static (FileReport? Report, string? Error, TimeSpan Spent) LintOne(CliEnvironment env, InputFile input, Linter linter, ProjectConfig? config, bool showSecrets, TimeSpan budget)
    {
        var source = InputReader.ReadText(input, env, out string? readError);
        if (source is null)
        {
            return (null, readError, default);
        }

        try
        {
            var ignored = input.FullPath is not null && config is not null ? config.IgnoredFor(input.FullPath).ToList() : null;
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
