using System.Text.Json;
using PixLint.Model;
using PixLint.Remediation;
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

    private Utf8JsonWriter? _json;
    private Stream? _output;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _output = context.Output;
        _options = context.Options;
        _json = new Utf8JsonWriter(context.Output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _json.WriteStartObject();
        _json.WriteNumber("version", SchemaVersion);
        _json.WriteStartObject("tool");
        _json.WriteString("name", ToolInfo.Name);
        _json.WriteString("version", context.Options.ToolVersion);
        _json.WriteEndObject();
        _json.WriteStartArray("files");
    }

    public void Add(FileReport file)
    {
        WriteFile(_json!, file, new ReportText(file, _options));
        _json!.Flush();
    }

    public void End(LintSummary summary)
    {
        var json = _json!;
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("files", summary.Files);
        json.WriteNumber("findings", summary.Findings);
        json.WriteNumber("errors", summary.Errors);
        json.WriteNumber("warnings", summary.Warnings);
        json.WriteNumber("notes", summary.Notes);
        json.WriteNumber("diagnostics", summary.Diagnostics);
        json.WriteNumber("unrecognizedLines", summary.UnrecognizedLines);
        json.WriteNumber("inputErrors", summary.InputErrors);
        json.WriteNumber("inputWarnings", summary.InputWarnings);
        json.WriteNumber("inputNotes", summary.InputNotes);
        json.WriteNumber("skipped", summary.Skipped);
        json.WriteNumber("unreadable", summary.Unreadable);
        var verdicts = summary.Verdicts;
        json.WriteStartObject("verdicts");
        json.WriteString("sentence", verdicts.Sentence());
        json.WriteNumber("devices", verdicts.Devices);
        json.WriteNumber(DeviceVerdict.Key(DeviceRating.StripsStartTls), verdicts.StripsStartTls);
        json.WriteNumber(DeviceVerdict.Key(DeviceRating.MasksBanner), verdicts.MasksBanner);
        json.WriteNumber(DeviceVerdict.Key(DeviceRating.CouldNotTell), verdicts.CouldNotTell);
        json.WriteNumber(DeviceVerdict.Key(DeviceRating.Clean), verdicts.Clean);
        json.WriteNumber("mailServers", verdicts.MailServers);
        json.WriteNumber("fixedBySafeCommands", verdicts.FixedBySafeCommands);
        json.WriteNumber("withoutAllowTls", verdicts.WithoutAllowTls);
        json.WriteEndObject();
        if (summary.Baseline is { } baseline)
        {
            json.WriteStartObject("baseline");
            json.WriteString("file", baseline.File);
            json.WriteNumber("suppressed", baseline.Suppressed);
            json.WriteStartArray("unmatched");
            foreach (var entry in baseline.Unmatched)
            {
                entry.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        _options.Project?.WriteTo(json, "projectConfiguration");
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        _output!.WriteByte((byte)'\n');
    }

    public void Dispose() => _json?.Dispose();

    /// <summary>Above this many buffered bytes the writer flushes to the output: a file's report streams, however large.</summary>
    public const int FlushThreshold = 256 * 1024;

    /// <summary>Streams what is buffered once it passes <see cref="FlushThreshold"/> (a report of millions of findings is never held whole).</summary>
    internal static void FlushIfFull(Utf8JsonWriter json)
    {
        if (json.BytesPending > FlushThreshold)
        {
            json.Flush();
        }
    }

    private static void WriteFile(Utf8JsonWriter json, FileReport file, ReportText text)
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
            TimeBudget.Check();
            WriteFinding(json, file, text, finding);
            FlushIfFull(json);
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var d in file.Diagnostics)
        {
            TimeBudget.Check();
            FlushIfFull(json);
            var region = Region.Of(file.Source, d.Span);
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("severity", d.Severity.ToName());
            json.WriteString("message", text.Message(d.Message));
            WriteRegion(json, region);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, FileReport file, ReportText text, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("severity", finding.Severity.ToName());
        json.WriteString("message", text.Message(finding.Message));
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
                json.WriteStringValue(text.Message(note));
            }

            json.WriteEndArray();
        }

        if (finding.Affected is { } affected)
        {
            json.WriteStartArray("affected");
            foreach (var host in affected)
            {
                json.WriteStartObject();
                json.WriteString("direction", host.DirectionName);
                json.WriteString("interface", host.Interface);
                json.WriteString("public", LosslessUtf8.ToDisplay(host.Public));
                json.WriteString("real", LosslessUtf8.ToDisplay(host.Real));
                json.WriteNumber("port", host.Ports.Low);
                if (host.Ports.High != host.Ports.Low)
                {
                    json.WriteNumber("portEnd", host.Ports.High);
                }

                json.WriteString("via", LosslessUtf8.ToDisplay(host.Via));
                if (host.Count > 1)
                {
                    json.WriteNumber("rules", host.Count);
                }

                json.WriteNumber("line", Region.Of(file.Source, new TextSpan(file.Source.GetLine(host.AccessLine).Start, 0)).Line);
                if (host.NatLine is int nat)
                {
                    json.WriteNumber("natLine", nat + 1);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (affected is MailHostList { MoreRules: > 0 } list)
            {
                json.WriteNumber("affectedMoreRules", list.MoreRules);
            }
        }

        if (finding.Related.Count > 0)
        {
            json.WriteStartArray("related");
            foreach (var related in finding.Related)
            {
                json.WriteStartObject();
                json.WriteString("message", text.Message(related.Message));
                WriteRegion(json, Region.Of(file.Source, related.Span));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (finding.Fix is { } fix)
        {
            WriteFix(json, file, fix);
        }

        json.WriteEndObject();
    }

    /// <summary>`fix`: title, strategy, applicability, delivery, commands, save, verify, rollback, notes, edits (regions in this file, new text).</summary>
    private static void WriteFix(Utf8JsonWriter json, FileReport file, Fix fix)
    {
        json.WriteStartObject("fix");
        json.WriteString("title", LosslessUtf8.ToDisplay(fix.Title));
        json.WriteString("strategy", fix.Strategy);
        json.WriteString("applicability", fix.Applicability.ToName());
        json.WriteString("delivery", fix.Procedure.Delivery == FixDelivery.FlexConfig ? "flexconfig" : "cli");
        WriteStrings(json, "commands", fix.Commands);
        WriteNullable(json, "save", fix.SaveCommand);
        WriteStrings(json, "verify", fix.Verify);
        WriteStrings(json, "rollback", fix.RollbackCommands);
        WriteStrings(json, "notes", [.. fix.Notes, .. fix.Procedure.Notes]);
        json.WriteStartArray("edits");
        foreach (var edit in fix.Edits)
        {
            json.WriteStartObject();
            WriteRegion(json, Region.Of(file.Source, edit.Span));
            json.WriteString("newText", LosslessUtf8.ToDisplay(edit.NewText, keepLineBreaks: true));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }


    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(LosslessUtf8.ToDisplay(value));
        }

        json.WriteEndArray();
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
