using PixLint.Remediation;
using PixLint.Text;

namespace PixLint.Output.FixWriters;

/// <summary>
/// `--format diff`: a unified diff per file (`a/PATH`, `b/PATH`, for `git apply` or `patch -p1`).
/// Secrets on context lines are redacted unless --show-secrets; <see cref="Redacted"/> says when
/// that happened, because a redacted diff no longer applies.
/// </summary>
public sealed class DiffFixWriter : IFixWriter
{
    public bool OneFileOnly => false;

    /// <summary>True once a line of the diff had a secret replaced.</summary>
    public bool Redacted { get; private set; }

    public void Write(FixResult result, FixWriterContext context)
    {
        // The diff people read shows no control character (escape sequences, bidi overrides, a newline in a
        // file name); with --show-secrets it is the exact diff that patch applies.
        string path = context.ShowSecrets ? result.Before.Path : LosslessUtf8.ToDisplay(result.Before.Path);
        var (oldName, newName) = path == "-" ? ("-", "-") : ($"a/{path.TrimStart('/')}", $"b/{path.TrimStart('/')}");
        string diff = UnifiedDiff.Create(result.Text, oldName, newName, context.ShowSecrets ? null : Redact);
        if (!context.ShowSecrets)
        {
            diff = LosslessUtf8.ToDisplay(diff, keepLineBreaks: true);
        }

        context.Output.Write(LosslessUtf8.Encode(diff));
    }

    private string Redact(string line)
    {
        string redacted = SecretRedactor.RedactLine(line);
        if (!ReferenceEquals(redacted, line) && redacted != line)
        {
            Redacted = true;
        }

        return redacted;
    }
}
