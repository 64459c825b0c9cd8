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

    /// <summary>The project configuration the run applied and what it changed (every format says so); null when none.</summary>
    public AppliedProjectConfig? Project { get; init; }
}

/// <summary>A project configuration (`.pixlint.yaml` or --config) as applied: its path (as shown) and its changes to the verdict, one phrase each.</summary>
public sealed record AppliedProjectConfig(string Path, IReadOnlyList<string> Changes)
{
    /// <summary>One line for text outputs: `Project configuration .pixlint.yaml: SMTP010 switched off (ignore); ...`.</summary>
    public string Describe() =>
        $"Project configuration {Text.LosslessUtf8.ToDisplay(Path)}: {(Changes.Count == 0 ? "changes nothing" : string.Join("; ", Changes.Select(c => Text.LosslessUtf8.ToDisplay(c))))}.";

    public void WriteTo(System.Text.Json.Utf8JsonWriter json, string name)
    {
        json.WriteStartObject(name);
        json.WriteString("path", Path);
        json.WriteStartArray("changes");
        foreach (string change in Changes)
        {
            json.WriteStringValue(change);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
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
