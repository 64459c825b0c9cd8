using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>
/// `--format json` for the per-peer report (version 1):
/// <c>{ "version": 1, "tool", "command", "kind": "peers", "domain"?, "sources", "formats", "verdict" (the worst),
/// "peers": [ { "host", "address", "domains", "verdict", "confidence", "summary", "counts", "firstSeen", "lastSeen",
/// "reporters", "firewall": [ { "file", "line", "column", "rule", "command", "address", "exposure" } ],
/// "evidence": [ { "source", "signal", "kind", "count", "text" } ], "notes", "nextSteps", "probe"? } ],
/// "domains": [ { "domain", "successful", "failed", "reporters" } ], "notes" }</c>.
/// </summary>
public sealed class PeerJsonFormatter : IPeerFormatter
{
    public void Write(PeerReport report, Stream output, FormatOptions options)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", DiagnosisJsonFormatter.SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", options.ToolVersion);
            json.WriteEndObject();
            json.WriteString("command", report.Command);
            json.WriteString("kind", "peers");
            if (report.Domain is not null)
            {
                json.WriteString("domain", report.Domain);
            }

            Strings(json, "sources", report.Sources);
            json.WriteStartObject("formats");
            foreach (var (format, count) in report.Formats.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(format, count);
            }

            json.WriteEndObject();
            json.WriteString("verdict", report.Worst.ToName());
            json.WriteStartArray("peers");
            foreach (var peer in report.Peers)
            {
                WritePeer(json, peer);
            }

            json.WriteEndArray();
            json.WriteStartArray("domains");
            foreach (var domain in report.Domains)
            {
                json.WriteStartObject();
                json.WriteString("domain", domain.Domain);
                json.WriteNumber("successful", domain.Successful);
                json.WriteNumber("failed", domain.Failed);
                Strings(json, "reporters", domain.Reporters);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "notes", report.Notes);
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WritePeer(Utf8JsonWriter json, PeerVerdict peer)
    {
        json.WriteStartObject();
        Nullable(json, "host", peer.Host);
        Nullable(json, "address", peer.Address);
        Strings(json, "domains", peer.Domains);
        json.WriteString("verdict", peer.Verdict.ToName());
        json.WriteString("confidence", peer.Confidence.ToName());
        json.WriteString("summary", peer.Summary);
        json.WriteStartObject("counts");
        foreach (var (signal, count) in peer.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(signal, count);
        }

        json.WriteEndObject();
        Nullable(json, "firstSeen", peer.FirstSeen);
        Nullable(json, "lastSeen", peer.LastSeen);
        Strings(json, "reporters", peer.Reporters);
        json.WriteStartArray("firewall");
        foreach (var link in peer.Firewall)
        {
            json.WriteStartObject();
            json.WriteString("file", link.File);
            json.WriteNumber("line", link.Line);
            json.WriteNumber("column", link.Column);
            json.WriteString("rule", link.RuleId);
            json.WriteString("command", link.Command);
            json.WriteString("address", link.Address);
            json.WriteString("exposure", link.Exposure);
            json.WriteString("message", link.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("evidence");
        foreach (var sample in peer.Samples)
        {
            json.WriteStartObject();
            json.WriteString("source", sample.Source);
            json.WriteString("signal", sample.Signal);
            json.WriteString("kind", sample.Kind.ToString().ToLowerInvariant());
            json.WriteNumber("count", sample.Count);
            json.WriteString("text", sample.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "notes", peer.Notes);
        Strings(json, "nextSteps", peer.NextSteps);
        if (peer.Probe is { } probe)
        {
            json.WriteStartObject("probe");
            json.WriteString("target", probe.Options.Target.Display);
            Nullable(json, "remoteAddress", probe.RemoteAddress);
            Nullable(json, "failure", probe.Failure?.Message);
            Nullable(json, "tlsProtocol", probe.Tls?.Protocol);
            Strings(json, "transcript", probe.TranscriptLines);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
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

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
