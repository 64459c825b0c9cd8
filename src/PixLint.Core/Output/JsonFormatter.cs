using System.Text.Json;
using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Output;

/// <summary>
/// `--format json`: the documented, versioned shape (see docs/json-output.md):
/// <c>{ "version": 1, "files": [ { "path", "platform", "osVersion", "findings": [...], "diagnostics": [...] } ], "summary": {...} }</c>.
/// </summary>
public sealed class JsonFormatter : IReportFormatter
{
    public const int SchemaVersion = 1;

    public void Write(LintReport report, Stream output, FormatOptions options)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("version", SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", options.ToolVersion);
        json.WriteEndObject();
        json.WriteStartArray("files");
        foreach (var file in report.Files)
        {
            WriteFile(json, file, options);
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("files", report.Files.Count);
        json.WriteNumber("findings", report.FindingCount);
        json.WriteNumber("errors", report.Count(Severity.Error));
        json.WriteNumber("warnings", report.Count(Severity.Warning));
        json.WriteNumber("notes", report.Count(Severity.Note));
        json.WriteNumber("diagnostics", report.Files.Sum(f => f.Diagnostics.Count));
        json.WriteNumber("unrecognizedLines", report.Files.Sum(f => f.UnrecognizedLines));
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteFile(Utf8JsonWriter json, FileReport file, FormatOptions options)
    {
        var device = file.Model?.Device;
        json.WriteStartObject();
        json.WriteString("path", file.Path);
        json.WriteString("platform", device?.Platform.ToName() ?? "unknown");
        WriteNullable(json, "osVersion", device?.Version?.Text ?? device?.VersionText);
        WriteNullable(json, "hostname", device?.Hostname);
        json.WriteString("inputKind", file.Model?.InputKind switch
        {
            InputKind.CommandScript => "command-script",
            InputKind.SystemContext => "system-context",
            _ => "running-config",
        });
        json.WriteNumber("unrecognizedLines", file.UnrecognizedLines);

        json.WriteStartArray("findings");
        foreach (var finding in file.Findings)
        {
            WriteFinding(json, file, finding);
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var d in file.Diagnostics)
        {
            var region = Region.Of(file.Source, d.Span);
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("severity", d.Severity.ToName());
            json.WriteString("message", LosslessUtf8.ToDisplay(d.Message));
            WriteRegion(json, region);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, FileReport file, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("severity", finding.Severity.ToName());
        json.WriteString("message", LosslessUtf8.ToDisplay(finding.Message));
        WriteRegion(json, Region.Of(file.Source, finding.Span));
        if (finding.HelpUri is not null)
        {
            json.WriteString("helpUri", finding.HelpUri);
        }

        if (finding.Notes.Count > 0)
        {
            json.WriteStartArray("notes");
            foreach (string note in finding.Notes)
            {
                json.WriteStringValue(LosslessUtf8.ToDisplay(note));
            }

            json.WriteEndArray();
        }

        if (finding.Related.Count > 0)
        {
            json.WriteStartArray("related");
            foreach (var related in finding.Related)
            {
                json.WriteStartObject();
                json.WriteString("message", LosslessUtf8.ToDisplay(related.Message));
                WriteRegion(json, Region.Of(file.Source, related.Span));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, Region region)
    {
        json.WriteNumber("line", region.Line);
        json.WriteNumber("column", region.Column);
        json.WriteNumber("endLine", region.EndLine);
        json.WriteNumber("endColumn", region.EndColumn);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, LosslessUtf8.ToDisplay(value));
        }
    }
}
