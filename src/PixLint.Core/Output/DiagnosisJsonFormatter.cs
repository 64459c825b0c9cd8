using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>
/// `--format json` for diagnose and probe (documented in the README, version 1):
/// <c>{ "version": 1, "tool", "command", "source", "format", "verdict", "confidence", "summary",
/// "evidence": [ { "line", "text", "kind", "shows" } ], "cause": { "description", "rules": [ { "id", "helpUri" } ] },
/// "nextSteps", "notes", "probe"?, "transcript": [ { "line", "role", "text", "tls" } ] }</c>.
/// </summary>
public sealed class DiagnosisJsonFormatter : IDiagnosisFormatter
{
    public const int SchemaVersion = 1;

    public void Write(DiagnosisReport report, Stream output, FormatOptions options)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", options.ToolVersion);
            json.WriteEndObject();
            json.WriteString("command", report.IsProbe ? "probe" : "diagnose");
            json.WriteString("source", report.Source);
            json.WriteString("format", report.Transcript.Format.ToName());
            WriteDiagnosis(json, report.Diagnosis);
            if (report.Probe is { } probe)
            {
                WriteProbe(json, probe);
            }

            json.WriteStartArray("transcript");
            foreach (var line in report.Transcript.Lines)
            {
                json.WriteStartObject();
                json.WriteNumber("line", line.Number);
                json.WriteString("role", line.Role.ToName());
                json.WriteString("text", line.Text);
                json.WriteBoolean("tls", line.InTls);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteDiagnosis(Utf8JsonWriter json, SessionDiagnosis? diagnosis)
    {
        if (diagnosis is null)
        {
            json.WriteNull("verdict");
            json.WriteNull("confidence");
            json.WriteNull("summary");
            json.WriteStartArray("evidence");
            json.WriteEndArray();
            json.WriteNull("cause");
            json.WriteStartArray("nextSteps");
            json.WriteEndArray();
            json.WriteStartArray("notes");
            json.WriteEndArray();
            return;
        }

        json.WriteString("verdict", diagnosis.Verdict.ToName());
        json.WriteString("confidence", diagnosis.Confidence.ToName());
        json.WriteString("summary", diagnosis.Summary);
        json.WriteStartArray("evidence");
        foreach (var e in diagnosis.Evidence)
        {
            json.WriteStartObject();
            json.WriteNumber("line", e.Line);
            json.WriteString("text", e.Text);
            json.WriteString("kind", e.Kind);
            json.WriteString("shows", e.Shows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (diagnosis.Cause is { } cause)
        {
            json.WriteStartObject("cause");
            json.WriteString("description", cause.Description);
            json.WriteStartArray("rules");
            foreach (string id in cause.RuleIds)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("helpUri", ToolInfo.RuleHelpUri(id));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("cause");
        }

        WriteStrings(json, "nextSteps", diagnosis.NextSteps);
        WriteStrings(json, "notes", diagnosis.Notes);
    }

    private static void WriteProbe(Utf8JsonWriter json, ProbeResult probe)
    {
        json.WriteStartObject("probe");
        json.WriteString("host", probe.Options.Target.Host);
        json.WriteNumber("port", probe.Options.Target.Port);
        if (probe.RemoteAddress is null)
        {
            json.WriteNull("address");
        }
        else
        {
            json.WriteString("address", probe.RemoteAddress);
        }

        json.WriteString("tlsMode", probe.Options.Tls == TlsMode.Implicit ? "implicit" : "starttls");
        json.WriteNumber("timeoutSeconds", probe.Options.Timeout.TotalSeconds);
        if (probe.Failure is { } failure)
        {
            json.WriteStartObject("error");
            json.WriteString("kind", failure.Kind.ToString().ToLowerInvariant());
            json.WriteString("message", failure.Message);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }

        if (probe.Tls is { } tls)
        {
            json.WriteStartObject("tls");
            json.WriteString("protocol", tls.Protocol);
            json.WriteString("cipherSuite", tls.CipherSuite);
            WriteNullable(json, "subject", tls.Subject);
            WriteNullable(json, "issuer", tls.Issuer);
            WriteNullable(json, "notBefore", tls.NotBefore?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            WriteNullable(json, "notAfter", tls.NotAfter?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            WriteStrings(json, "dnsNames", tls.DnsNames);
            json.WriteStartObject("validation");
            json.WriteBoolean("valid", tls.Validation.Valid);
            WriteStrings(json, "problems", tls.Validation.Problems);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("tls");
        }

        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
