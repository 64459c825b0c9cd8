using System.Text.Encodings.Web;
using System.Text.Json;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format gitlab`: GitLab Code Quality JSON (the `codequality` report of a job, shown in the merge
/// request widget and the diff): an array of issues, each with `description`, `check_name` (the rule
/// id), `fingerprint` (the finding's identity with its path: stable when unrelated lines move, unique
/// in the report), `severity` (error: critical, warning: major, note: info) and
/// `location.path` / `location.lines.begin`. Input problems at warning or above are issues too.
/// </summary>
public sealed class GitLabFormatter : IReportFormatter
{
    private Utf8JsonWriter? _json;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _options = context.Options;
        _json = new Utf8JsonWriter(context.Output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" });
        _json.WriteStartArray();
    }

    public void Add(FileReport file)
    {
        var json = _json!;
        var text = new ReportText(file, _options);
        var counter = new FingerprintCounter(text.Secrets);
        string path = ArtifactPath.Relative(file.Path, _options.WorkingDirectory);
        foreach (var finding in file.Findings)
        {
            TimeBudget.Check();
            var (identity, occurrence) = counter.Next(finding);
            string fingerprint = FindingIdentity.Fingerprint(finding.RuleId, path + "\n" + identity, occurrence);
            string description = text.Message(finding.Message);
            Write(json, description, finding.RuleId, fingerprint, finding.Severity, path, Region.Of(file.Source, finding.Span).Line);
        }

        int index = 0;
        foreach (var diagnostic in file.Diagnostics.Where(d => d.Severity >= Severity.Warning))
        {
            int line = Region.Of(file.Source, diagnostic.Span).Line;
            string fingerprint = FindingIdentity.Fingerprint("pixlint/" + diagnostic.Code, $"{path}\n{line}", ++index);
            Write(json, text.Message(diagnostic.Message), "pixlint/" + diagnostic.Code, fingerprint, diagnostic.Severity, path, line);
        }

        json.Flush();
    }

    public void End(LintSummary summary)
    {
        _json!.WriteEndArray();
        _json.Flush();
        _json.Dispose();
        _json = null;
    }

    public void Dispose() => _json?.Dispose();

    /// <summary>GitLab's severities: info, minor, major, critical, blocker.</summary>
    public static string GitLabSeverity(Severity severity) => severity switch
    {
        Severity.Error => "critical",
        Severity.Warning => "major",
        _ => "info",
    };

    private static void Write(Utf8JsonWriter json, string description, string checkName, string fingerprint, Severity severity, string path, int line)
    {
        json.WriteStartObject();
        json.WriteString("type", "issue");
        json.WriteString("description", description);
        json.WriteString("check_name", checkName);
        json.WriteString("fingerprint", fingerprint);
        json.WriteString("severity", GitLabSeverity(severity));
        json.WriteStartArray("categories");
        json.WriteStringValue("Security");
        json.WriteEndArray();
        json.WriteStartObject("location");
        json.WriteString("path", path);
        json.WriteStartObject("lines");
        json.WriteNumber("begin", line);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
