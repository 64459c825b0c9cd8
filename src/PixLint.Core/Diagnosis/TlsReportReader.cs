using System.Text.Json;

namespace PixLint.Diagnosis;

/// <summary>
/// Reads an SMTP TLS report (RFC 8460 §4: `organization-name`, `date-range`, `policies[]` with
/// `policy`, `summary` and `failure-details[]`) into per-MX observations. Each failure detail is one
/// observation for its receiving MX (host name and address); a policy without failures counts its
/// successful sessions for the policy's MX hosts.
/// </summary>
public static class TlsReportReader
{
    /// <summary>A report larger than this is not a TLS report (big senders' daily reports are kilobytes).</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>Adds the report's observations to the tally; returns an error (`file: what was wrong, what was expected`) or null.</summary>
    public static string? Read(string source, Stream json, PeerTally tally)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = json.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return $"{source}: error: over {MaxBytes >> 20} MiB of JSON, expected an SMTP TLS report (a day's report from one sender is kilobytes)";
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $":{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : string.Empty;
            return $"{source}{where}: error: not valid JSON ({FirstSentence(e.Message)}), expected an SMTP TLS report (RFC 8460)";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("policies", out var policies) || policies.ValueKind != JsonValueKind.Array)
            {
                return $"{source}:1:1: error: JSON without a `policies` array, expected an SMTP TLS report (RFC 8460 §4.4)";
            }

            string? reporter = Text(root, "organization-name");
            string? time = root.TryGetProperty("date-range", out var range) ? Text(range, "start-datetime") : null;
            int index = 0;
            foreach (var result in policies.EnumerateArray())
            {
                ReadPolicy(source, index++, result, reporter, time, tally);
            }
        }

        return null;
    }

    private static void ReadPolicy(string source, int index, JsonElement result, string? reporter, string? time, PeerTally tally)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var policy = result.TryGetProperty("policy", out var p) ? p : default;
        string? domain = policy.ValueKind == JsonValueKind.Object ? Text(policy, "policy-domain") : null;
        string type = (policy.ValueKind == JsonValueKind.Object ? Text(policy, "policy-type") : null) ?? "unknown";
        long successful = 0, failed = 0;
        if (result.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
        {
            successful = Number(summary, "total-successful-session-count");
            failed = Number(summary, "total-failure-session-count");
        }

        if (domain is not null)
        {
            tally.AddDomainSessions(domain, successful, failed, reporter);
        }

        string where = $"{source}: policies[{index}]";
        bool anyFailure = false;
        if (result.TryGetProperty("failure-details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string resultType = Text(detail, "result-type") ?? "unknown";
                string? host = TrimDot(Text(detail, "receiving-mx-hostname"));
                string? address = Text(detail, "receiving-ip");
                long count = Math.Max(1, Number(detail, "failed-session-count"));
                string? reason = Text(detail, "failure-reason-code") ?? Text(detail, "additional-information");
                anyFailure = true;
                tally.Add(new PeerSignal(KindOf(resultType), resultType, host ?? (address is null ? domain : null), address, domain, count)
                {
                    Time = time,
                    Reporter = reporter,
                    Source = where,
                    Text = $"{reporter ?? "a sender"} ({type} policy): {resultType} for {host ?? address ?? domain}, {count} session(s)" + (reason is null ? string.Empty : $" ({reason.Trim()})"),
                });
            }
        }

        if (successful > 0 && domain is not null)
        {
            // Successes are counted per policy, not per MX: they go to the policy's MX hosts as published, else to the domain.
            string host = policy.ValueKind == JsonValueKind.Object && policy.TryGetProperty("mx-host", out var mx) && mx.ValueKind == JsonValueKind.Array && mx.GetArrayLength() == 1
                ? TrimDot(mx[0].GetString()) ?? domain
                : domain;
            if (!anyFailure)
            {
                tally.Add(new PeerSignal(SignalKind.TlsWorking, "tls-sessions", host, null, domain, successful)
                {
                    Time = time,
                    Reporter = reporter,
                    Source = where,
                    Text = $"{reporter ?? "a sender"} ({type} policy): {successful} successful TLS session(s) to {domain}",
                });
            }
        }
    }

    /// <summary>RFC 8460 §4.3 result types: only `starttls-not-supported` is what a fixup produces.</summary>
    public static SignalKind KindOf(string resultType) => resultType switch
    {
        "starttls-not-supported" => SignalKind.TlsMissing,
        _ => SignalKind.TlsFailed,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n > 0 ? n : 0;

    private static string? TrimDot(string? host) => host?.TrimEnd('.') is { Length: > 0 } h ? h : null;

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return (dot < 0 ? message : message[..dot]).TrimEnd('.');
    }
}
