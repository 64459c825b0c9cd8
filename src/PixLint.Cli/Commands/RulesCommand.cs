using System.CommandLine;
using PixLint.Remediation;
using PixLint.Rules;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint rules list | show ID | test [PATH...]`.</summary>
internal static class RulesCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("rules", "List, explain and test rules");
        command.Subcommands.Add(List(env));
        command.Subcommands.Add(Show(env));
        command.Subcommands.Add(Test(env));
        return command;
    }

    private static Command List(CliEnvironment env)
    {
        var rules = CommonOptions.Rules();
        var noDefault = CommonOptions.NoDefaultRules();
        var command = new Command("list", "List the rules (id, severity, title)") { rules, noDefault };
        command.SetAction(result =>
        {
            var set = CommonOptions.LoadRules(env, !result.GetValue(noDefault), result.GetValue(rules) ?? [], [], []);
            if (set is null)
            {
                return ExitCodes.Error;
            }

            int width = set.Rules.Count == 0 ? 0 : set.Rules.Max(r => r.Id.Length);
            foreach (var rule in set.Rules)
            {
                env.Out.WriteLine($"{rule.Id.PadRight(width)}  {rule.Severity.ToString().ToLowerInvariant(),-7}  {rule.Title}");
            }

            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Show(CliEnvironment env)
    {
        var id = new Argument<string>("id") { Description = "A rule id, e.g. SMTP010" };
        var rules = CommonOptions.Rules();
        var command = new Command("show", "Print a rule's documentation as Markdown") { id, rules };
        command.SetAction(result =>
        {
            var set = CommonOptions.LoadRules(env, true, result.GetValue(rules) ?? [], [], []);
            if (set is null)
            {
                return ExitCodes.Error;
            }

            string wanted = result.GetValue(id)!;
            var rule = set.Find(wanted);
            if (rule is null)
            {
                string? suggestion = YamlFile.Suggest(wanted, set.Rules.Select(r => r.Id));
                env.Error.WriteLine($"pixlint: error: no rule '{wanted}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
                return ExitCodes.Error;
            }

            env.Out.Write(RuleMarkdown.Render(rule));
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Test(CliEnvironment env)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Rule files or folders; each rule's fixtures are NAME.cfg and NAME.*.cfg beside it (default: rules)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var platform = CommonOptions.Platform();
        var version = CommonOptions.OsVersion();
        var command = new Command("test", "Run rules against their annotated fixtures (`! ruleid: ID`, `! ok: ID`) and check NAME.fixed.cfg files") { paths, platform, version };
        command.SetAction(result =>
        {
            string[] given = result.GetValue(paths) is { Length: > 0 } p ? p : ["rules"];
            var options = CommonOptions.ModelOptions(result.GetValue(platform)!, result.GetValue(version), out string? error);
            if (options is null)
            {
                env.Error.WriteLine($"pixlint: error: {error}");
                return ExitCodes.Error;
            }

            var set = CommonOptions.LoadRules(env, false, given, [], []);
            if (set is null)
            {
                return ExitCodes.Error;
            }

            int fixtures = 0, fixFixtures = 0, failures = 0, truePositives = 0;
            foreach (var rule in set.Rules)
            {
                foreach (string fixture in FixtureHarness.FixturesFor(env.ResolvePath(rule.SourcePath)))
                {
                    fixtures++;
                    string display = Path.GetRelativePath(env.WorkingDirectory, fixture).Replace('\\', '/');
                    var run = FixtureHarness.Run(display, File.ReadAllBytes(fixture), set, options);
                    truePositives += run.TruePositives;
                    foreach (var failure in run.Failures)
                    {
                        failures++;
                        env.Error.WriteLine(failure.ToString());
                    }

                    foreach (string gap in run.KnownGaps)
                    {
                        env.Out.WriteLine($"{gap} (known gap)");
                    }

                    string fixedFile = FixFixtureHarness.FixedPathFor(fixture);
                    if (File.Exists(fixedFile))
                    {
                        fixFixtures++;
                        foreach (var failure in FixFixtureHarness.Run(display, File.ReadAllBytes(fixture), File.ReadAllBytes(fixedFile), set, options))
                        {
                            failures++;
                            env.Error.WriteLine(failure.ToString());
                        }
                    }
                }
            }

            if (fixtures == 0)
            {
                env.Error.WriteLine("pixlint: error: no fixtures found (a rule NAME.yaml is tested with NAME.cfg and NAME.*.cfg beside it)");
                return ExitCodes.Error;
            }

            env.Out.WriteLine(failures == 0
                ? $"{set.Rules.Count} rules, {fixtures} fixtures, {truePositives} expected findings, {fixFixtures} fixed files: all pass."
                : $"{set.Rules.Count} rules, {fixtures} fixtures: {failures} failure(s).");
            return failures == 0 ? ExitCodes.Clean : ExitCodes.Findings;
        });
        return command;
    }
}
