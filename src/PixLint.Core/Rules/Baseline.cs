using System.Text;
using System.Text.Json;

namespace PixLint.Rules;

/// <summary>One accepted finding: the file (relative to the baseline file), the rule, the redacted identity, how many times it occurs.</summary>
public sealed record BaselineEntry(string Path, string RuleId, string Identity, int Count)
{
    /// <summary>The entry as a JSON object, as baseline files and the JSON report's summary write it.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("path", Path);
        json.WriteString("ruleId", RuleId);
        json.WriteString("identity", Identity);
        json.WriteNumber("count", Count);
        json.WriteEndObject();
    }
}

/// <summary>
/// A baseline file: the findings a project has accepted, so that `pixlint lint --baseline FILE`
/// reports only new ones (docs/baseline.md). Written by `--write-baseline FILE`. Findings are
/// recorded by identity (rule, the reported command's normalised text and its enclosing blocks,
/// secrets redacted), never by line number, so unrelated lines may move. Version 1:
/// <code>
/// { "version": 1, "tool": "pixlint", "findings": [ { "path": "fw/edge.cfg", "ruleId": "SMTP010",
///   "identity": "policy-map global_policy > class inspection_default > inspect esmtp", "count": 1 } ] }
/// </code>
/// Paths are relative to the folder of the baseline file, with forward slashes (`-` is standard input).
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    public Baseline(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

    public IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>Reads a baseline; on a malformed file returns null and adds `file:line:column: message` errors.</summary>
    public static Baseline? Parse(string displayPath, byte[] bytes, List<string> errors)
    {
        var reader = new BaselineReader(displayPath, bytes, errors);
        return reader.Read();
    }

    /// <summary>Writes the baseline (entries sorted, two-space indent, final newline).</summary>
    public void Write(Stream output)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteString("tool", Output.ToolInfo.Name);
            json.WriteString("about", "Findings accepted by `pixlint lint --baseline`; written by `pixlint lint --write-baseline`. Paths are relative to this file.");
            json.WriteStartArray("findings");
            foreach (var entry in Entries
                .OrderBy(e => e.Path, StringComparer.Ordinal)
                .ThenBy(e => e.RuleId, StringComparer.Ordinal)
                .ThenBy(e => e.Identity, StringComparer.Ordinal))
            {
                entry.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>Reads the expected shape token by token, so that every error has a line and column.</summary>
    private ref struct BaselineReader(string displayPath, byte[] bytes, List<string> errors)
    {
        private static readonly string[] TopKeys = ["version", "tool", "about", "findings"];
        private static readonly string[] EntryKeys = ["path", "ruleId", "identity", "count"];

        private Utf8JsonReader _reader = new(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

        public Baseline? Read()
        {
            try
            {
                return ReadDocument();
            }
            catch (JsonException e)
            {
                errors.Add($"{displayPath}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: {Clean(e.Message)}");
                return null;
            }
        }

        private Baseline? ReadDocument()
        {
            if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail("expected a JSON object: { \"version\": 1, \"findings\": [...] }");
            }

            int? version = null;
            List<BaselineEntry>? entries = null;
            while (Next() == JsonTokenType.PropertyName)
            {
                string key = _reader.GetString()!;
                long at = _reader.TokenStartIndex;
                Next();
                switch (key)
                {
                    case "version":
                        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out int v))
                        {
                            return Fail("'version' must be a number");
                        }

                        if (v != FormatVersion)
                        {
                            return Fail($"unsupported baseline version {v}, expected {FormatVersion} (written by a newer pixlint?)");
                        }

                        version = v;
                        break;
                    case "tool":
                    case "about":
                        if (_reader.TokenType != JsonTokenType.String)
                        {
                            return Fail($"'{key}' must be a string");
                        }

                        break;
                    case "findings":
                        entries = ReadEntries();
                        if (entries is null)
                        {
                            return null;
                        }

                        break;
                    default:
                        return Fail($"unknown key '{key}', expected one of {string.Join(", ", TopKeys)}", at);
                }
            }

            if (version is null)
            {
                return Fail("missing 'version' (expected 1)");
            }

            return entries is null ? Fail("missing 'findings' (a list of accepted findings)") : new Baseline(entries);
        }

        private List<BaselineEntry>? ReadEntries()
        {
            if (_reader.TokenType != JsonTokenType.StartArray)
            {
                return Fail<List<BaselineEntry>>("'findings' must be a list");
            }

            var entries = new List<BaselineEntry>();
            while (Next() != JsonTokenType.EndArray)
            {
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail<List<BaselineEntry>>("each finding must be an object with path, ruleId, identity and count");
                }

                long start = _reader.TokenStartIndex;
                string? path = null, ruleId = null, identity = null;
                int count = 1;
                while (Next() == JsonTokenType.PropertyName)
                {
                    string key = _reader.GetString()!;
                    long at = _reader.TokenStartIndex;
                    Next();
                    if (key == "count")
                    {
                        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out count) || count < 1)
                        {
                            return Fail<List<BaselineEntry>>("'count' must be a whole number of at least 1");
                        }

                        continue;
                    }

                    if (Array.IndexOf(EntryKeys, key) < 0)
                    {
                        return Fail<List<BaselineEntry>>($"unknown key '{key}', expected one of {string.Join(", ", EntryKeys)}", at);
                    }

                    if (_reader.TokenType != JsonTokenType.String)
                    {
                        return Fail<List<BaselineEntry>>($"'{key}' must be a string");
                    }

                    string value = _reader.GetString()!;
                    switch (key)
                    {
                        case "path": path = value; break;
                        case "ruleId": ruleId = value; break;
                        default: identity = value; break;
                    }
                }

                if (path is null || ruleId is null || identity is null)
                {
                    string missing = path is null ? "path" : ruleId is null ? "ruleId" : "identity";
                    return Fail<List<BaselineEntry>>($"finding without '{missing}'", start);
                }

                entries.Add(new BaselineEntry(path, ruleId, identity, count));
            }

            return entries;
        }

        private JsonTokenType Next()
        {
            if (!_reader.Read())
            {
                throw new JsonException("unexpected end of file", null, Position(bytes.Length).Line - 1, Position(bytes.Length).Column - 1);
            }

            return _reader.TokenType;
        }

        private Baseline? Fail(string message, long? at = null) => Fail<Baseline>(message, at);

        private T? Fail<T>(string message, long? at = null)
            where T : class
        {
            var (line, column) = Position(at ?? _reader.TokenStartIndex);
            errors.Add($"{displayPath}:{line}:{column}: {message}");
            return null;
        }

        private (int Line, int Column) Position(long offset)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            int column = Encoding.UTF8.GetCharCount(bytes, lineStart, (int)Math.Min(offset, bytes.Length) - lineStart) + 1;
            return (line, column);
        }

        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 5." (0-based); the prefix already says where.
        private static string Clean(string message)
        {
            if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
            {
                return "unexpected end of file: an object or list is not closed";
            }

            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        }
    }
}
