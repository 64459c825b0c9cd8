using PixLint.Text;

namespace PixLint.Output;

/// <summary>
/// The text of one file's report as every output shows it: source lines with their secrets
/// redacted, messages with the file's secret values scrubbed (unless --show-secrets), and bytes that
/// are not valid UTF-8 shown as their Windows-1252 characters. Formatters take all file text from here.
/// </summary>
public sealed class ReportText
{
    private readonly FileReport _file;
    private readonly bool _showSecrets;
    private SecretValues? _secrets;

    public ReportText(FileReport file, FormatOptions options)
    {
        _file = file;
        _showSecrets = options.ShowSecrets;
    }

    /// <summary>The file's secret values (collected on first use; also under --show-secrets, for identities that must never carry them).</summary>
    public SecretValues Secrets => _secrets ??= _file.Model is null ? SecretValues.None : SecretValues.Collect(_file.Model.Tree);

    /// <summary>A message, note or diagnostic about the file, ready to show.</summary>
    public string Message(string text) => LosslessUtf8.ToDisplay(_showSecrets ? text : Secrets.Scrub(text));

    /// <summary>Line <paramref name="index"/> (0-based) of the file, without its line ending, ready to show.</summary>
    public string Line(int index)
    {
        if (_file.Model is { } model)
        {
            // A secret value elsewhere on a line that does not look like it holds one (a key pasted in the wrong place).
            string line = SecretRedactor.DisplayLine(model.Tree, index, _showSecrets);
            return _showSecrets ? line : Secrets.Scrub(line);
        }

        var text = _file.Source.GetLineSpan(index);
        return LosslessUtf8.ToDisplay(_showSecrets ? text.ToString() : SecretRedactor.RedactLine(text));
    }
}
