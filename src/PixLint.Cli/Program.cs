using PixLint.Cli;

return PixLintCli.Run(args, CliEnvironment.FromConsole());
