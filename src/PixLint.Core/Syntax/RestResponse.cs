using System.Text;
using System.Text.Json;
using PixLint.Text;

namespace PixLint.Syntax;

/// <summary>
/// The ASA REST API CLI response saved as it came, `{"response":["...\n..."]}`: the configuration
/// is the JSON strings of <c>response</c>, decoded and joined (each ends a line). Lint, parse and
/// `fix --format commands` read the decoded text, so positions are lines of the decoded
/// configuration (what `jq -r '.response[]' FILE` prints); a note on the file says so.
/// The line-wise escaped form (every line ending in `\`) is not JSON and is read in place by
/// <see cref="ConfigParser"/> through <see cref="CaptureWrappers"/>.
/// </summary>
public static class RestResponse
{
    private const string Start = "{\"response\"";

    /// <summary>The note added to a file read through its JSON strings.</summary>
    public const string Note = "ASA REST API response: the configuration was read from its JSON string; line and column numbers are those of the decoded configuration (`jq -r '.response[]' FILE` prints it)";

    /// <summary>
    /// The decoded configuration of a one-line REST response, or null for any other file (ordinary
    /// files cost one look at their first characters) and for JSON that does not decode (the parser
    /// then says what the file is).
    /// </summary>
    public static SourceText? Decode(SourceText source)
    {
        var text = source.Text.AsSpan(source.PreambleLength).TrimStart();
        if (!text.StartsWith(Start, StringComparison.Ordinal) || CaptureWrappers.Find(source)?.Kind != CaptureWrapper.RestOneLine)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("response", out var response)
                || response.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var config = new StringBuilder(text.Length);
            foreach (var item in response.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                string part = item.GetString()!;
                config.Append(part);
                if (part.Length > 0 && part[^1] != '\n')
                {
                    config.Append('\n');
                }
            }

            return config.Length == 0 ? null : SourceText.FromString(source.Path, config.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
