namespace PixLint.Output;

/// <summary>How a report is rendered.</summary>
public sealed record FormatOptions
{
    /// <summary>Show passwords, keys and communities instead of <see cref="SecretRedactor.Marker"/>.</summary>
    public bool ShowSecrets { get; init; }

    /// <summary>ANSI colour (text output on a terminal with NO_COLOR unset).</summary>
    public bool Color { get; init; }

    /// <summary>The folder paths are made relative to (SARIF, GitHub annotations).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    public string ToolVersion { get; init; } = ToolInfo.Version;

    /// <summary>When the report was made (the HTML report shows it); null leaves it out, as golden tests do.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}

/// <summary>PixLint's name, version and home, for every output that names the tool.</summary>
public static class ToolInfo
{
    public const string Name = "pixlint";

    public const string InformationUri = "https://github.com/pixlint/pixlint";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The documentation page of a rule.</summary>
    public static string RuleHelpUri(string ruleId) => $"{InformationUri}/blob/main/docs/rules/{ruleId}.md";
}
