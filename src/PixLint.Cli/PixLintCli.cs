using System.CommandLine;
using PixLint.Cli.Commands;
using PixLint.Output;

namespace PixLint.Cli;

/// <summary>The `pixlint` command line: System.CommandLine wiring only; the work happens in PixLint.Core.</summary>
public static class PixLintCli
{
    public static int Run(string[] args, CliEnvironment env)
    {
        // A report that cannot be written (a full disk, a closed pipe) is an ordinary error, not a bug.
        // Messages name files and quote words of them: no control character (a newline that would start a
        // forged `::error` line in a CI log, an escape sequence) gets through to the terminal or log as itself.
        var openStdout = env.OpenStdout;
        env = env with { OpenStdout = () => new ReportStream(openStdout(), "standard output"), Error = new Text.DisplayWriter(env.Error, keepLineBreaks: false) };
        var root = new RootCommand("PixLint finds the Cisco PIX/ASA/FWSM/FTD settings that break STARTTLS for mail servers, explains them and writes the fix.")
        {
            LintCommand.Create(env),
            FixCommand.Create(env),
            ParseCommand.Create(env),
            RulesCommand.Create(env),
            DiagnoseCommand.Create(env),
            ProbeCommand.Create(env),
        };

        var result = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
        var usageErrors = UsageErrors.Of(result, out bool selfExplained);
        if (usageErrors.Count > 0)
        {
            foreach (string error in usageErrors)
            {
                env.Error.WriteLine($"pixlint: error: {error}");
            }

            if (!selfExplained)
            {
                env.Error.WriteLine("Try 'pixlint --help' for usage.");
            }

            return ExitCodes.Error;
        }

        try
        {
            return result.Invoke(invocation);
        }
        catch (ReportWriteException e)
        {
            env.Error.WriteLine($"pixlint: {e.Message}");
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            // A bug, not bad input: say so plainly, with enough to report it.
            env.Error.WriteLine($"pixlint: internal error: {e.GetType().Name}: {e.Message}");
            env.Error.WriteLine($"pixlint {ToolInfo.Version}; please report this with the input that caused it.");
            return ExitCodes.Error;
        }
    }
}
