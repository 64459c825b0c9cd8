using System.Globalization;
using System.Text.RegularExpressions;
using PixLint.Model;
using PixLint.Remediation;
using PixLint.Syntax;
using YamlDotNet.RepresentationModel;

namespace PixLint.Rules;

/// <summary>
/// Reads one rule file (one rule per file) into a <see cref="Rule"/>, reporting every problem at
/// once with its `file:line:column`: unknown keys (with a did-you-mean), wrong types, unknown
/// subject kinds, properties and operators, placeholders the match does not provide, bad regular
/// expressions and version ranges. See rules/README.md for the language.
/// </summary>
public static partial class RuleLoader
{
    private static readonly string[] RuleKeys =
    [
        "id", "name", "title", "severity", "security-severity", "tags", "applies-to", "match", "report",
        "message", "notes", "related", "affected", "suppresses", "first-only", "docs", "remediation",
    ];

    private static readonly string[] ScopeKeys = ["generation", "platforms", "versions"];
    private static readonly string[] MatchKeys = ["find", "pattern", "within", "child", "no-child", "where"];
    private static readonly string[] NoteKeys = ["when", "text"];
    private static readonly string[] RelatedKeys = ["at", "message"];
    private static readonly string[] DocsKeys = ["summary", "why", "example", "fix", "references"];
    private static readonly string[] RemediationKeys = ["strategies", "manual"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    /// <summary>Loads a rule; null (with errors added) when the file is not a usable rule.</summary>
    public static Rule? Load(string path, string text, List<LoadError> errors)
    {
        var file = YamlFile.Load(path, text);
        var rule = Read(file);
        errors.AddRange(file.Errors);
        return file.Errors.Count == 0 ? rule : null;
    }

    private static Rule? Read(YamlFile file)
    {
        if (file.Root is null)
        {
            if (file.Errors.Count == 0)
            {
                file.Errors.Add(new LoadError(file.Path, 1, 1, "the rule file is empty"));
            }

            return null;
        }

        if (file.Map(file.Root, "a rule") is not { } map)
        {
            return null;
        }

        file.CheckKeys(map, "a rule", RuleKeys);
        string id = file.String(map, "id", required: true, what: "a rule") ?? "?";
        if (id != "?" && !IdPattern().IsMatch(id))
        {
            file.Error(YamlFile.Get(map, "id")!, $"'{id}' is not a rule id (expected a letter, then letters, digits, '-' or '_', e.g. SMTP010)");
        }

        string name = file.String(map, "name") ?? id.ToLowerInvariant();
        string title = file.String(map, "title", required: true, what: "a rule") ?? string.Empty;
        var severity = ReadSeverity(file, map);
        double securitySeverity = ReadSecuritySeverity(file, map, severity);
        var tags = file.StringList(map, "tags") ?? [];
        var scope = YamlFile.Get(map, "applies-to") is { } scopeNode ? ReadScope(file, scopeNode) : RuleScope.Any;

        var matchNode = YamlFile.Get(map, "match");
        if (matchNode is null)
        {
            file.Error(map, "a rule needs 'match' (what to find)");
            return null;
        }

        if (file.Map(matchNode, "'match'") is not { } match)
        {
            return null;
        }

        file.CheckKeys(match, "'match'", MatchKeys);
        string? findName = file.String(match, "find", required: true, what: "'match'");
        if (findName is null)
        {
            return null;
        }

        if (!SubjectKinds.All.TryGetValue(findName, out var kind) || findName == SubjectKinds.Device)
        {
            string? suggestion = YamlFile.Suggest(findName, SubjectKinds.Findable);
            file.Error(YamlFile.Get(match, "find")!, $"unknown matcher kind '{findName}' "
                + (suggestion is null ? $"(expected one of: {string.Join(", ", SubjectKinds.Findable)})" : $"(did you mean '{suggestion}'?)"));
            return null;
        }

        var command = ReadCommandMatcher(file, match, kind, out var captures);
        var compiler = new ConditionCompiler(file, id);
        var where = YamlFile.Get(match, "where") is { } whereNode ? compiler.Compile(whereNode, kind, captures) : Condition.True;

        var report = ReadReport(file, map, kind, captures);
        string? messageText = file.String(map, "message", required: true, what: "a rule");
        var message = Template.Parse(messageText ?? string.Empty, kind, captures,
            e => file.Error(YamlFile.Get(map, "message") ?? map, $"message: {e}"));

        var notes = new List<RuleNote>();
        if (YamlFile.Get(map, "notes") is { } notesNode)
        {
            foreach (var item in Items(file, notesNode, "'notes'"))
            {
                if (file.Map(item, "a note") is not { } note)
                {
                    continue;
                }

                file.CheckKeys(note, "a note", NoteKeys);
                var when = YamlFile.Get(note, "when") is { } w ? compiler.Compile(w, kind, captures) : Condition.True;
                string text = file.String(note, "text", required: true, what: "a note") ?? string.Empty;
                notes.Add(new RuleNote(when, Template.Parse(text, kind, captures, e => file.Error(note, $"note: {e}"))));
            }
        }

        var related = new List<RelatedSpec>();
        if (YamlFile.Get(map, "related") is { } relatedNode)
        {
            foreach (var item in Items(file, relatedNode, "'related'"))
            {
                if (file.Map(item, "a related location") is not { } r)
                {
                    continue;
                }

                file.CheckKeys(r, "a related location", RelatedKeys);
                var at = LocationPath(file, YamlFile.Get(r, "at") ?? r, kind, captures);
                string text = file.String(r, "message", required: true, what: "a related location") ?? string.Empty;
                var template = Template.Parse(text, kind, captures, e => file.Error(r, $"related: {e}"));
                if (at is not null)
                {
                    related.Add(new RelatedSpec(at, template));
                }
            }
        }

        PropertyPath? affected = null;
        if (file.String(map, "affected") is { } affectedText)
        {
            affected = PropertyPath.Resolve(affectedText, kind, captures, out string? affectedError);
            if (affected is null)
            {
                file.Error(YamlFile.Get(map, "affected")!, $"affected: {affectedError}");
            }
            else if (affected.Type != ValueType.Hosts)
            {
                file.Error(YamlFile.Get(map, "affected")!, $"affected: '{affectedText}' is {Value.TypeName(affected.Type)}, not a list of mail hosts (e.g. 'affected')");
                affected = null;
            }
        }

        var suppresses = file.StringList(map, "suppresses") ?? [];
        bool firstOnly = file.Bool(map, "first-only") ?? false;
        var docs = ReadDocs(file, map);
        var remediation = ReadRemediation(file, map);

        return new Rule
        {
            Id = id,
            Name = name,
            Title = title,
            Severity = severity,
            SecuritySeverity = securitySeverity,
            Tags = tags,
            Scope = scope,
            Kind = kind,
            Command = command,
            Where = where,
            Report = report,
            Message = message,
            Notes = notes,
            Related = related,
            Affected = affected,
            Suppresses = suppresses,
            FirstOnly = firstOnly,
            Docs = docs,
            Remediation = remediation,
            SourcePath = file.Path,
            IdPosition = YamlFile.Get(map, "id") is { } idNode ? ((int)idNode.Start.Line, (int)idNode.Start.Column) : (1, 1),
        };
    }

    private static Severity ReadSeverity(YamlFile file, YamlMappingNode map)
    {
        string? text = file.String(map, "severity", required: true, what: "a rule");
        if (text is null)
        {
            return Severity.Warning;
        }

        if (text is "error" or "warning" or "note" && SeverityNames.TryParse(text, out var severity))
        {
            return severity;
        }

        file.Error(YamlFile.Get(map, "severity")!, $"severity must be error, warning or note, not '{text}'");
        return Severity.Warning;
    }

    private static double ReadSecuritySeverity(YamlFile file, YamlMappingNode map, Severity severity)
    {
        var node = YamlFile.Get(map, "security-severity");
        if (node is null)
        {
            return severity switch
            {
                Severity.Error => 7.5,
                Severity.Warning => 5.0,
                _ => 2.0,
            };
        }

        if (node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d is >= 0.0 and <= 10.0)
        {
            return d;
        }

        file.Error(node, $"security-severity must be a number from 0.0 to 10.0, not {YamlFile.Describe(node)}");
        return 0;
    }

    private static RuleScope ReadScope(YamlFile file, YamlNode node)
    {
        if (file.Map(node, "'applies-to'") is not { } map)
        {
            return RuleScope.Any;
        }

        file.CheckKeys(map, "'applies-to'", ScopeKeys);
        InspectionGeneration? generation = null;
        if (file.String(map, "generation") is { } g)
        {
            generation = g switch
            {
                "fixup" => InspectionGeneration.Fixup,
                "mpf" => InspectionGeneration.Mpf,
                _ => null,
            };
            if (generation is null)
            {
                file.Error(YamlFile.Get(map, "generation")!, $"generation must be 'fixup' (PIX 4.2-6.x, FWSM 1-2) or 'mpf' (PIX 7+, ASA, FWSM 3+, FTD), not '{g}'");
            }
        }

        var platforms = new List<DevicePlatform>();
        foreach (string p in file.StringList(map, "platforms") ?? [])
        {
            if (DevicePlatformNames.TryParse(p, out var platform))
            {
                platforms.Add(platform);
            }
            else
            {
                file.Error(YamlFile.Get(map, "platforms")!, $"unknown platform '{p}' (expected pix, asa, fwsm or ftd)");
            }
        }

        var versions = VersionRange.Any;
        if (file.String(map, "versions") is { } v && !VersionRange.TryParse(v, out versions, out string error))
        {
            file.Error(YamlFile.Get(map, "versions")!, error);
        }

        return new RuleScope(generation, platforms, versions);
    }

    private static CommandMatcher? ReadCommandMatcher(YamlFile file, YamlMappingNode match, SubjectKind kind, out Dictionary<string, PropertyDef>? captures)
    {
        captures = null;
        bool isCommand = kind.Name == SubjectKinds.Command;
        foreach (string key in new[] { "pattern", "within", "child", "no-child" })
        {
            if (!isCommand && YamlFile.Get(match, key) is { } stray)
            {
                file.Error(stray, $"'{key}' only applies to 'find: command'");
            }
        }

        if (!isCommand)
        {
            return null;
        }

        var patterns = Patterns(file, match, "pattern");
        if (patterns.Count == 0 && YamlFile.Get(match, "pattern") is null)
        {
            file.Error(match, "'find: command' needs a 'pattern' (e.g. \"telnet {address} {mask} {interface}\")");
        }

        var within = Patterns(file, match, "within");
        captures = new Dictionary<string, PropertyDef>(StringComparer.Ordinal);
        var names = patterns.SelectMany(p => p.Captures).Concat(within.SelectMany(p => p.Captures)).Distinct(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (kind.Properties.ContainsKey(name))
            {
                file.Error(YamlFile.Get(match, "pattern") ?? match, $"capture '{{{name}}}' has the name of a built-in property; choose another name");
                continue;
            }

            string captured = name;
            captures[name] = new PropertyDef(name, ValueType.Text, "captured by the pattern",
                (s, _) => Value.Text(((CommandSubject)s).Captures.TryGetValue(captured, out string? v) ? v : null));
        }

        return new CommandMatcher(patterns, within, Patterns(file, match, "child"), Patterns(file, match, "no-child"));
    }

    private static List<CommandPattern> Patterns(YamlFile file, YamlMappingNode match, string key)
    {
        var result = new List<CommandPattern>();
        var node = YamlFile.Get(match, key);
        if (node is null)
        {
            return result;
        }

        foreach (string text in file.StringList(node, $"'{key}'") ?? [])
        {
            var pattern = CommandPattern.Parse(text, out string? error);
            if (pattern is null)
            {
                file.Error(node, $"{key}: {error}");
            }
            else
            {
                result.Add(pattern);
            }
        }

        return result;
    }

    private static List<PropertyPath> ReadReport(YamlFile file, YamlMappingNode map, SubjectKind kind, IReadOnlyDictionary<string, PropertyDef>? captures)
    {
        var node = YamlFile.Get(map, "report");
        var paths = new List<PropertyPath>();
        foreach (string text in node is null ? ["line"] : file.StringList(node, "'report'") ?? [])
        {
            var path = PropertyPath.Resolve(text, kind, captures, out string? error);
            if (path is null)
            {
                file.Error(node!, $"report: {error}");
            }
            else if (path.Type != ValueType.Location)
            {
                file.Error(node!, $"report: '{text}' is {Value.TypeName(path.Type)}, not a line (e.g. 'line', 'map.mask-banner-line')");
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    private static PropertyPath? LocationPath(YamlFile file, YamlNode node, SubjectKind kind, IReadOnlyDictionary<string, PropertyDef>? captures)
    {
        if (file.String(node, "'at'") is not { } text)
        {
            return null;
        }

        var path = PropertyPath.Resolve(text, kind, captures, out string? error);
        if (path is null)
        {
            file.Error(node, $"related: {error}");
            return null;
        }

        if (path.Type != ValueType.Location)
        {
            file.Error(node, $"related: '{text}' is {Value.TypeName(path.Type)}, not a line");
            return null;
        }

        return path;
    }

    private static RuleDocs ReadDocs(YamlFile file, YamlMappingNode map)
    {
        var node = YamlFile.Get(map, "docs");
        if (node is null)
        {
            file.Error(map, "a rule needs 'docs' (at least 'summary' and 'why')");
            return new RuleDocs(string.Empty, string.Empty, null, null, []);
        }

        if (file.Map(node, "'docs'") is not { } docs)
        {
            return new RuleDocs(string.Empty, string.Empty, null, null, []);
        }

        file.CheckKeys(docs, "'docs'", DocsKeys);
        return new RuleDocs(
            file.String(docs, "summary", required: true, what: "'docs'") ?? string.Empty,
            file.String(docs, "why", required: true, what: "'docs'") ?? string.Empty,
            file.String(docs, "example"),
            file.String(docs, "fix"),
            file.StringList(docs, "references") ?? []);
    }

    private static RemediationSpec ReadRemediation(YamlFile file, YamlMappingNode map)
    {
        if (file.Map(YamlFile.Get(map, "remediation"), "'remediation'") is not { } node)
        {
            return new RemediationSpec([], null);
        }

        file.CheckKeys(node, "'remediation'", RemediationKeys);
        var strategies = file.StringList(node, "strategies") ?? [];
        foreach (string s in strategies)
        {
            if (!StrategyNames.All.Contains(s))
            {
                string? suggestion = YamlFile.Suggest(s, StrategyNames.All);
                file.Error(YamlFile.Get(node, "strategies")!, $"unknown remediation strategy '{s}' "
                    + (suggestion is null ? $"(expected one of: {string.Join(", ", StrategyNames.All)})" : $"(did you mean '{suggestion}'?)"));
            }
        }

        string? manual = file.String(node, "manual");
        if (strategies.Count == 0 && manual is null)
        {
            file.Error(node, "'remediation' needs 'strategies' or 'manual' (why there is no automatic fix)");
        }

        return new RemediationSpec(strategies, manual);
    }

    private static IEnumerable<YamlNode> Items(YamlFile file, YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq.Children;
        }

        file.Error(node, $"{what} must be a list");
        return [];
    }
}
