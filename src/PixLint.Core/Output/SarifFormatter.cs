using System.Globalization;
using System.Text;
using System.Text.Json;
using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the
/// driver lists every rule of the run (help as text and Markdown, `security-severity`, tags);
/// results point at the finding's span with a path relative to the working folder and carry
/// `partialFingerprints` derived from the finding's identity, so alerts survive unrelated lines
/// moving. Input problems (diagnostics at warning or above) become tool execution notifications.
/// Checked with `sarif-multitool validate`, with SARIF's rules and GitHub's (`--rule-kind Gh`).
/// </summary>
public sealed class SarifFormatter : IReportFormatter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The `partialFingerprints` key; the version changes if the identity scheme does.</summary>
    public const string FingerprintKey = "pixlintFindingIdentity/v1";

    /// <summary>GitHub sorts alerts by precision; PixLint's rules follow the configuration's semantics, not heuristics.</summary>
    private const string Precision = "high";

    private Utf8JsonWriter? _json;
    private Stream? _output;
    private FormatOptions _options = new();
    private readonly Dictionary<string, int> _ruleIndex = new(StringComparer.Ordinal);
    // What a notification needs, not the file's report: memory stays flat over thousands of files.
    private readonly List<(string Uri, Region? Region, string Code, Severity Severity, string Message)> _notifications = [];

    public void Begin(ReportContext context)
    {
        _output = context.Output;
        _options = context.Options;
        _json = new Utf8JsonWriter(context.Output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var json = _json;
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", context.Options.ToolVersion);
        json.WriteString("semanticVersion", context.Options.ToolVersion);
        json.WriteString("informationUri", ToolInfo.InformationUri);
        json.WriteStartArray("rules");
        for (int i = 0; i < context.Rules.Count; i++)
        {
            _ruleIndex.TryAdd(context.Rules[i].Id, i);
            WriteRule(json, context.Rules[i]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
    }

    public void Add(FileReport file)
    {
        var json = _json!;
        var text = new ReportText(file, _options);
        var counter = new FingerprintCounter(text.Secrets);
        string uri = ArtifactPath.Uri(file.Path, _options.WorkingDirectory);
        foreach (var finding in file.Findings)
        {
            TimeBudget.Check();
            JsonFormatter.FlushIfFull(json);
            var (identity, occurrence) = counter.Next(finding);
            WriteResult(json, file, text, uri, finding, FindingIdentity.Fingerprint(finding.RuleId, identity, occurrence));
        }

        foreach (var diagnostic in file.CountedDiagnostics)
        {
            bool withRegion = diagnostic.Span.Length > 0 || diagnostic.Span.Start > 0;
            _notifications.Add((uri, withRegion ? Region.Of(file.Source, diagnostic.Span) : null, diagnostic.Code, diagnostic.Severity, text.Message(diagnostic.Message)));
        }

        json.Flush();
    }

    public void End(LintSummary summary)
    {
        var json = _json!;
        json.WriteEndArray();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        if (_notifications.Count > 0)
        {
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var (uri, region, code, severity, message) in _notifications)
            {
                JsonFormatter.FlushIfFull(json);
                json.WriteStartObject();
                json.WriteStartObject("descriptor");
                json.WriteString("id", code);
                json.WriteEndObject();
                json.WriteString("level", severity.ToName());
                WriteMessage(json, message);
                json.WriteStartArray("locations");
                json.WriteStartObject();
                WritePhysicalLocation(json, uri, region);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (_options.Project is { } project)
        {
            json.WriteStartObject("properties");
            project.WriteTo(json, "projectConfiguration");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        _output!.WriteByte((byte)'\n');
    }

    public void Dispose() => _json?.Dispose();

    private static void WriteRule(Utf8JsonWriter json, Rule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Name));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", Sentence(StripMarkdown(rule.Title)));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", Sentence(StripMarkdown(Collapse(rule.Docs.Summary))));
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule));
        json.WriteString("markdown", RuleMarkdown.Render(rule));
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", rule.Severity.ToName());
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        foreach (string tag in rule.Tags.Prepend("security").Distinct(StringComparer.Ordinal))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("precision", Precision);

        // GitHub reads a number written as a string (0.0-10.0: low, medium, high, critical).
        json.WriteString("security-severity", rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteResult(Utf8JsonWriter json, FileReport file, ReportText text, string uri, Finding finding, string fingerprint)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (_ruleIndex.TryGetValue(finding.RuleId, out int index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", finding.Severity.ToName());
        var message = new StringBuilder(Sentence(text.Message(finding.Message)));
        foreach (string note in finding.Notes)
        {
            message.Append("\n\nNote: ").Append(Sentence(text.Message(note)));
        }

        WriteMessage(json, message.ToString());
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, file, uri, finding.Span, withRegion: true);
        json.WriteEndObject();
        json.WriteEndArray();
        if (finding.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            for (int i = 0; i < finding.Related.Count; i++)
            {
                var related = finding.Related[i];
                json.WriteStartObject();
                json.WriteNumber("id", i + 1);
                WritePhysicalLocation(json, file, uri, related.Span, withRegion: true);
                WriteMessage(json, Sentence(text.Message(related.Message)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (finding.Fix is { Edits.Count: > 0 } fix)
        {
            WriteFix(json, file, text, uri, fix);
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, fingerprint);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>`fixes`: the fix's text edits as one artifact change with its replacements (an empty deleted region inserts).</summary>
    private static void WriteFix(Utf8JsonWriter json, FileReport file, ReportText text, string uri, Remediation.Fix fix)
    {
        json.WriteStartArray("fixes");
        json.WriteStartObject();
        WriteMessage(json, "description", Sentence(text.Message(fix.Title)));
        json.WriteStartArray("artifactChanges");
        json.WriteStartObject();
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        json.WriteEndObject();
        json.WriteStartArray("replacements");
        foreach (var edit in fix.Edits)
        {
            var region = Region.Of(file.Source, edit.Span);
            json.WriteStartObject();
            json.WriteStartObject("deletedRegion");
            json.WriteNumber("startLine", region.Line);
            json.WriteNumber("startColumn", region.Column);
            json.WriteNumber("endLine", region.EndLine);
            json.WriteNumber("endColumn", region.EndColumn);
            json.WriteEndObject();
            if (edit.NewText.Length > 0)
            {
                json.WriteStartObject("insertedContent");
                json.WriteString("text", Text.LosslessUtf8.ToDisplay(edit.NewText, keepLineBreaks: true));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, FileReport file, string uri, Text.TextSpan span, bool withRegion) =>
        WritePhysicalLocation(json, uri, withRegion ? Region.Of(file.Source, span) : null);

    private static void WritePhysicalLocation(Utf8JsonWriter json, string uri, Region? at)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        json.WriteEndObject();
        if (at is { } region)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", region.Line);
            json.WriteNumber("startColumn", region.Column);
            json.WriteNumber("endLine", region.EndLine);
            json.WriteNumber("endColumn", Math.Max(region.EndColumn, region.EndLine == region.Line ? region.Column : 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string text) => WriteMessage(json, "message", text);

    private static void WriteMessage(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>The rule's documentation as plain text (SARIF viewers without Markdown).</summary>
    private static string HelpText(Rule rule)
    {
        var sb = new StringBuilder();
        sb.Append(Collapse(rule.Docs.Summary)).Append("\n\n").Append(Collapse(rule.Docs.Why));
        if (rule.Docs.Fix is { } fix)
        {
            sb.Append("\n\nFix: ").Append(Collapse(fix));
        }

        sb.Append("\n\nDocumentation: ").Append(rule.HelpUri);
        return StripMarkdown(sb.ToString());
    }

    /// <summary>`esmtp-inspection-strips-starttls` as `EsmtpInspectionStripsStarttls` (SARIF's convention for rule names).</summary>
    private static string PascalCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>SARIF messages are sentences: they end with a full stop.</summary>
    private static string Sentence(string text)
    {
        string t = text.TrimEnd();
        return t.Length == 0 || t[^1] is '.' or '!' or '?' ? t : t + ".";
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string StripMarkdown(string text) => text.Replace("`", string.Empty, StringComparison.Ordinal);
}
