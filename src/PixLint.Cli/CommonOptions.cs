using System.CommandLine;
using PixLint.Model;
using PixLint.Output;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Cli;

/// <summary>Options several commands share, and turning their values into core options.</summary>
internal static class CommonOptions
{
    public static Option<string> Platform() => new("--platform")
    {
        Description = "Platform when the file has no version line",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|pix|asa|fwsm|ftd",
    };

    public static Option<string?> OsVersion() => new("--os-version")
    {
        Description = "Software version when the file has none, e.g. 9.8(4) or 6.3(5)",
        HelpName = "VERSION",
    };

    public static Option<bool> ShowSecrets() => new("--show-secrets")
    {
        Description = "Show passwords, keys and communities in the output (redacted by default)",
    };

    public static Option<string[]> Rules() => new("--rules")
    {
        Description = "Extra rule files or folders (repeatable)",
        HelpName = "PATH",
    };

    public static Option<bool> NoDefaultRules() => new("--no-default-rules")
    {
        Description = "Do not load the built-in STARTTLS rule pack",
    };

    /// <summary>The time one file may take, 60 seconds unless --timeout says otherwise.</summary>
    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "Time budget per file in seconds: a file that takes longer is reported as an error and skipped",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public const double DefaultTimeoutSeconds = 60;

    /// <summary>The --timeout value as a time span, or null (after printing the error) when it is not a positive number.</summary>
    public static TimeSpan? TimeoutValue(CliEnvironment env, double seconds)
    {
        if (double.IsFinite(seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        env.Error.WriteLine($"pixlint: error: --timeout: '{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}' is not a positive number of seconds");
        return null;
    }

    /// <summary>`--select A,B --select C` as [A, B, C].</summary>
    public static IReadOnlyList<string> SplitIds(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>Loads and filters the rules; prints every error and returns null when there are any.</summary>
    public static RuleSet? LoadRules(CliEnvironment env, bool includeDefault, IEnumerable<string> paths, IReadOnlyList<string> select, IReadOnlyList<string> ignore)
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault, paths, env.WorkingDirectory, errors);
        foreach (var error in errors)
        {
            env.Error.WriteLine($"{error.File}:{error.Line}:{error.Column}: error: {error.Message}");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var filterErrors = new List<string>();
        var filtered = rules.Filter(select, ignore, filterErrors);
        foreach (string error in filterErrors)
        {
            env.Error.WriteLine($"pixlint: error: {error}");
        }

        return filterErrors.Count > 0 ? null : filtered;
    }

    /// <summary>The project configuration: --config, else `.pixlint.yaml` upward from the working folder; null when none.</summary>
    public static (ProjectConfig? Config, bool Error)? LoadProjectConfig(CliEnvironment env, string? explicitPath, bool disabled)
    {
        if (disabled)
        {
            return null;
        }

        string? path;
        if (explicitPath is null)
        {
            var found = ProjectConfigLookup.Find(env.WorkingDirectory);
            foreach (string note in found.Notes)
            {
                env.Error.WriteLine(note);
            }

            if (found.Error is not null)
            {
                env.Error.WriteLine(found.Error);
                return (null, true);
            }

            path = found.Path;
        }
        else
        {
            path = env.ResolvePath(explicitPath);
        }

        if (path is null)
        {
            return null;
        }

        // An explicit --config is named as the user gave it (not as ../../../nope.yaml).
        string display = explicitPath ?? Path.GetRelativePath(env.WorkingDirectory, path).Replace('\\', '/');
        string? text;
        try
        {
            text = BoundedFile.ReadText(path, BoundedFile.MaxYamlBytes, out string? tooLarge);
            if (text is null)
            {
                env.Error.WriteLine($"{display}: error: {tooLarge}: not read as a project configuration");
                return (null, true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            env.Error.WriteLine($"{display}: error: cannot read the configuration ({e.Message})");
            return (null, true);
        }

        var errors = new List<LoadError>();
        var config = ProjectConfig.Load(path, display, text, errors);
        foreach (var e in errors)
        {
            env.Error.WriteLine($"{e.File}:{e.Line}:{e.Column}: error: {e.Message}");
        }

        return (config, errors.Count > 0);
    }

    /// <summary>What the project configuration changes, for the reports to say (null when none applies).</summary>
    public static AppliedProjectConfig? Applied(CliEnvironment env, ProjectConfig? config, RuleSet rules, params (string Key, bool Given)[] commandLine) =>
        config is null
            ? null
            : new AppliedProjectConfig(
                Path.GetRelativePath(env.WorkingDirectory, config.Path).Replace('\\', '/'),
                config.Changes(rules.Rules, commandLine.Where(o => o.Given).Select(o => o.Key).ToHashSet(StringComparer.Ordinal)));

    /// <summary>Builds the model options (command line first, then the project configuration), or returns an error message for a bad value.</summary>
    public static ModelOptions? ModelOptions(string platform, string? version, out string? error, ProjectConfig? config = null)
    {
        error = null;
        var options = new ModelOptions(config?.Defaults ?? DefaultsLoader.Default) { Platform = config?.Platform, Version = config?.OsVersion };
        if (!platform.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!DevicePlatformNames.TryParse(platform, out var p))
            {
                error = $"--platform: unknown platform '{platform}', expected auto, pix, asa, fwsm or ftd";
                return null;
            }

            options = options with { Platform = p };
        }

        if (version is not null)
        {
            if (!Model.OsVersion.TryParse(version, out var v))
            {
                error = $"--os-version: '{version}' is not a PIX/ASA version, expected e.g. 9.8(4), 8.0(3), 6.3(5) or 7.2.5";
                return null;
            }

            options = options with { Version = v };
        }

        return options;
    }
}
