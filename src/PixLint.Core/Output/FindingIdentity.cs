using System.Security.Cryptography;
using System.Text;
using PixLint.Rules;

namespace PixLint.Output;

/// <summary>
/// A finding's identity as reports and baselines store it: <see cref="Finding.Identity"/> (rule,
/// normalised command, block path; no line number) with its secrets redacted, so that a committed
/// baseline or an uploaded fingerprint never carries a password, and a numbered occurrence for the
/// rare commands that repeat word for word in the same block.
/// </summary>
public static class FindingIdentity
{
    private const string Separator = " > ";

    /// <summary>The identity without the rule id and with every secret replaced by <see cref="SecretRedactor.Marker"/>.</summary>
    public static string Redacted(Finding finding, SecretValues secrets)
    {
        string identity = finding.Identity;
        int bar = identity.IndexOf('|', StringComparison.Ordinal);
        string path = bar >= 0 ? identity[(bar + 1)..] : identity;

        // Each segment is one normalised command, so the line redactor applies to it; the file's
        // secret values then catch anything a segment boundary hid.
        string redacted = string.Join(Separator, path.Split(Separator).Select(segment => SecretRedactor.RedactLine(segment)));
        return secrets.Scrub(redacted);
    }

    /// <summary>A stable hex fingerprint of a rule, redacted identity and occurrence (SARIF partialFingerprints).</summary>
    public static string Fingerprint(string ruleId, string redactedIdentity, int occurrence)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{redactedIdentity}\n{occurrence}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

/// <summary>Numbers the findings of one file whose redacted identity repeats, as SARIF's and GitLab's fingerprints need.</summary>
public sealed class FingerprintCounter(SecretValues secrets)
{
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    /// <summary>The finding's redacted identity and its occurrence (1 for the first finding with that rule and identity).</summary>
    public (string Identity, int Occurrence) Next(Finding finding)
    {
        string identity = FindingIdentity.Redacted(finding, secrets);
        string key = finding.RuleId + "|" + identity;
        int occurrence = _occurrences.TryGetValue(key, out int n) ? n + 1 : 1;
        _occurrences[key] = occurrence;
        return (identity, occurrence);
    }
}
