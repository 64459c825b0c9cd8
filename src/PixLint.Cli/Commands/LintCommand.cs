using System.CommandLine;
using PixLint.Output;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint lint [PATH...]`: lint files, directories (recursively) or standard input.</summary>
internal static class LintCommand
{
    private static readonly Dictionary<string, IReportFormatter> Formatters = new(StringComparer.Ordinal)
    {
        ["text"] = new TextFormatter(),
        ["json"] = new JsonFormatter(),
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
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding has this severity or higher",
            DefaultValueFactory = _ => "warning",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var platform = CommonOptions.Platform();
        var version = CommonOptions.OsVersion();
        var showSecrets = CommonOptions.ShowSecrets();
        var rules = CommonOptions.Rules();
        var noDefaultRules = CommonOptions.NoDefaultRules();
        var select = new Option<string[]>("--select") { Description = "Only these rules (ids or id prefixes, comma-separated)", HelpName = "ID,...", AllowMultipleArgumentsPerToken = false };
        var ignore = new Option<string[]>("--ignore") { Description = "Skip these rules (ids or id prefixes, comma-separated)", HelpName = "ID,..." };

        var command = new Command("lint", "Check configurations for settings that break STARTTLS")
        {
            paths, format, output, failOn, rules, noDefaultRules, select, ignore, platform, version, showSecrets,
        };
        command.SetAction(result => Run(env, new Settings(
            result.GetValue(paths) ?? [],
            result.GetValue(format)!,
            result.GetValue(output),
            result.GetValue(failOn)!,
            result.GetValue(platform)!,
            result.GetValue(version),
            result.GetValue(showSecrets),
            result.GetValue(rules) ?? [],
            result.GetValue(noDefaultRules),
            CommonOptions.SplitIds(result.GetValue(select)),
            CommonOptions.SplitIds(result.GetValue(ignore)))));
        return command;
    }

    private sealed record Settings(
        string[] Paths, string Format, string? Output, string FailOn, string Platform, string? Version, bool ShowSecrets,
        string[] Rules, bool NoDefaultRules, IReadOnlyList<string> Select, IReadOnlyList<string> Ignore);

    private static int Run(CliEnvironment env, Settings settings)
    {
        var modelOptions = CommonOptions.ModelOptions(settings.Platform, settings.Version, out string? error);
        if (modelOptions is null)
        {
            env.Error.WriteLine($"pixlint: error: {error}");
            return ExitCodes.Error;
        }

        var ruleSet = CommonOptions.LoadRules(env, !settings.NoDefaultRules, settings.Rules, settings.Select, settings.Ignore);
        if (ruleSet is null)
        {
            return ExitCodes.Error;
        }

        var (inputs, errors) = FileDiscovery.Expand(settings.Paths, env.WorkingDirectory);
        var linter = new Linter(modelOptions, ruleSet);
        var reports = new List<FileReport>(inputs.Count);
        bool inputError = errors.Count > 0;
        foreach (var input in inputs)
        {
            var bytes = InputReader.Read(input, env, out string? readError);
            if (bytes is null)
            {
                errors.Add(readError!);
                inputError = true;
                continue;
            }

            FileReport report;
            try
            {
                report = linter.Lint(SourceText.From(input.DisplayPath, bytes));
            }
            catch (RuleEvaluationException e)
            {
                env.Error.WriteLine($"{input.DisplayPath}: error: {e.Message}");
                return ExitCodes.Error;
            }

            inputError |= report.IsNotAConfig;
            reports.Add(report);
        }

        foreach (string e in errors)
        {
            env.Error.WriteLine(e);
        }

        var lintReport = new LintReport(reports);
        var formatOptions = new FormatOptions
        {
            ShowSecrets = settings.ShowSecrets,
            Color = settings.Output is null && settings.Format == "text" && env.UseColor,
            WorkingDirectory = env.WorkingDirectory,
        };
        if (!WriteReport(env, settings, lintReport, formatOptions))
        {
            return ExitCodes.Error;
        }

        if (inputError)
        {
            return ExitCodes.Error;
        }

        return Fails(lintReport, settings.FailOn) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static bool WriteReport(CliEnvironment env, Settings settings, LintReport report, FormatOptions options)
    {
        var formatter = Formatters[settings.Format];
        if (settings.Output is null)
        {
            using var stdout = env.OpenStdout();
            formatter.Write(report, stdout, options);
            return true;
        }

        string target = env.ResolvePath(settings.Output);
        try
        {
            string temp = target + ".tmp-" + Environment.ProcessId;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                formatter.Write(report, file, options);
            }

            File.Move(temp, target, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            env.Error.WriteLine($"{settings.Output}: error: cannot write the report ({e.Message})");
            return false;
        }
    }

    private static bool Fails(LintReport report, string failOn)
    {
        if (failOn == "none" || !SeverityNames.TryParse(failOn, out var threshold))
        {
            return false;
        }

        return report.Files.Any(f => f.Findings.Any(x => x.Severity >= threshold));
    }
}
