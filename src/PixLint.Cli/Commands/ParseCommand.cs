using System.CommandLine;
using PixLint.Model;
using PixLint.Output;
using PixLint.Syntax;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint parse PATH [--format tree|json|source]`: the syntax tree and model, for debugging rules.</summary>
internal static class ParseCommand
{
    public static Command Create(CliEnvironment env)
    {
        var path = new Argument<string>("path") { Description = "A configuration file, or - for standard input" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "tree (lines and commands), json (lines, commands and the model), source (the file printed back from the tree, byte for byte)",
            DefaultValueFactory = _ => "tree",
        };
        format.AcceptOnlyFromAmong("tree", "json", "source");
        var platform = CommonOptions.Platform();
        var version = CommonOptions.OsVersion();
        var showSecrets = CommonOptions.ShowSecrets();
        var command = new Command("parse", "Show how PixLint reads a configuration: its syntax tree and model")
        {
            path, format, platform, version, showSecrets,
        };
        command.SetAction(result => Run(
            env, result.GetValue(path)!, result.GetValue(format)!, result.GetValue(platform)!, result.GetValue(version), result.GetValue(showSecrets)));
        return command;
    }

    private static int Run(CliEnvironment env, string path, string format, string platform, string? version, bool showSecrets)
    {
        var options = CommonOptions.ModelOptions(platform, version, out string? error);
        if (options is null)
        {
            env.Error.WriteLine($"pixlint: error: {error}");
            return ExitCodes.Error;
        }

        var input = path == "-" ? new InputFile("-", null) : new InputFile(FileDiscovery.Display(path), env.ResolvePath(path));
        if (input.FullPath is not null && Directory.Exists(input.FullPath))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: is a directory; parse takes one file");
            return ExitCodes.Error;
        }

        if (input.FullPath is not null && !File.Exists(input.FullPath))
        {
            env.Error.WriteLine($"{input.DisplayPath}: error: no such file or directory");
            return ExitCodes.Error;
        }

        var source = InputReader.ReadText(input, env, out error);
        if (source is null)
        {
            env.Error.WriteLine(error);
            return ExitCodes.Error;
        }

        // `--format source` prints the file as it is; the tree and model of a one-line REST API response are of its decoded configuration.
        var tree = ConfigParser.Parse(format == "source" ? source : RestResponse.Decode(source) ?? source);
        using var stdout = env.OpenStdout();
        switch (format)
        {
            case "source":
                tree.WriteSource(stdout);
                break;
            case "json":
                TreePrinter.WriteJson(ModelBuilder.Build(tree, options), stdout, showSecrets);
                break;
            default:
                using (var writer = new PixLint.Text.DisplayWriter(new StreamWriter(stdout, new System.Text.UTF8Encoding(false), leaveOpen: true)))
                {
                    TreePrinter.WriteTree(ModelBuilder.Build(tree, options), writer, showSecrets);
                }

                break;
        }

        return ExitCodes.Clean;
    }
}
