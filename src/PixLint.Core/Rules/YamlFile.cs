using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PixLint.Rules;

/// <summary>An error in a rule, defaults or configuration file, located as `file:line:column`.</summary>
public sealed record LoadError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Reads a YAML file into YamlDotNet's representation model (no reflection, so Native AOT works)
/// with limits that hostile files cannot get around: the event stream is checked as the tree is
/// built from it, so nesting deeper than <see cref="MaxDepth"/> or more than <see cref="MaxEvents"/>
/// events stops the reading at once, and alias use that would expand past
/// <see cref="MaxExpandedNodes"/> nodes is rejected before anything reads the tree.
/// Helpers then read typed values and collect every error with its position.
/// </summary>
public sealed class YamlFile
{
    public const int MaxDepth = 64;
    public const int MaxEvents = 1_000_000;
    public const int MaxExpandedNodes = 200_000;
    public const int MaxScalarLength = 1 << 20;

    private YamlFile(string path, YamlNode? root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    /// <summary>The document's root node, or null for an empty file.</summary>
    public YamlNode? Root { get; }

    public List<LoadError> Errors { get; } = [];

    /// <summary>Loads <paramref name="text"/>; on a syntax or limit error the result has no root and one error.</summary>
    public static YamlFile Load(string path, string text)
    {
        var parser = new LimitedParser(new Parser(new StringReader(text)));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count > 1)
            {
                var doc = stream.Documents[1].RootNode;
                var multi = new YamlFile(path, stream.Documents[0].RootNode);
                multi.Errors.Add(new LoadError(path, (int)doc.Start.Line, (int)doc.Start.Column, "only one YAML document per file is supported"));
                return multi;
            }

            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is not null && ExpandedSize(root, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance), new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance)) > MaxExpandedNodes)
            {
                // Nothing is read from such a file: reading it is what the bomb is for.
                var bomb = new YamlFile(path, null);
                bomb.Errors.Add(new LoadError(path, 1, 1, $"YAML aliases expand to more than {MaxExpandedNodes} nodes"));
                return bomb;
            }

            return new YamlFile(path, root);
        }
        catch (LimitExceededException e)
        {
            var failed = new YamlFile(path, null);
            failed.Errors.Add(new LoadError(path, parser.At.Line, parser.At.Column, e.Message));
            return failed;
        }
        catch (YamlException e)
        {
            var failed = new YamlFile(path, null);
            string message = e.InnerException?.Message ?? e.Message;
            int paren = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && paren > 0)
            {
                message = message[(paren + 3)..];
            }

            failed.Errors.Add(new LoadError(path, (int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {message}"));
            return failed;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet fails this way on some malformed input; report it where the reading stopped.
            var failed = new YamlFile(path, null);
            failed.Errors.Add(new LoadError(path, parser.At.Line, parser.At.Column, "invalid YAML after this point (the YAML reader gave up)"));
            return failed;
        }
    }

    public void Error(YamlNode node, string message) =>
        Errors.Add(new LoadError(Path, (int)node.Start.Line, (int)node.Start.Column, message));

    /// <summary>The node as a mapping, or an error naming <paramref name="what"/>.</summary>
    public YamlMappingNode? Map(YamlNode? node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        if (node is not null)
        {
            Error(node, $"{what} must be a mapping (key: value), not {Describe(node)}");
        }

        return null;
    }

    /// <summary>Checks a mapping's keys against <paramref name="allowed"/>; unknown keys get a did-you-mean.</summary>
    public void CheckKeys(YamlMappingNode map, string what, IReadOnlyCollection<string> allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Error(key, $"keys of {what} must be plain words");
                continue;
            }

            if (!seen.Add(name))
            {
                Error(key, $"duplicate key '{name}' in {what}");
            }

            if (!allowed.Contains(name))
            {
                string? suggestion = Suggest(name, allowed);
                Error(key, suggestion is null
                    ? $"unknown key '{name}' in {what} (expected one of: {string.Join(", ", allowed)})"
                    : $"unknown key '{name}' in {what} (did you mean '{suggestion}'?)");
            }
        }
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar string (null when absent; an error when not a scalar).</summary>
    public string? String(YamlMappingNode map, string key, bool required = false, string? what = null)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, $"{what ?? "this mapping"} needs '{key}'");
            }

            return null;
        }

        return String(node, $"'{key}'");
    }

    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, $"{what} must be a text value, not {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v })
        {
            switch (v.ToLowerInvariant())
            {
                case "true": case "yes": case "on": return true;
                case "false": case "no": case "off": return false;
            }
        }

        Error(node, $"'{key}' must be true or false, not {Describe(node)}");
        return null;
    }

    public int? Int(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }

        Error(node, $"'{key}' must be a whole number, not {Describe(node)}");
        return null;
    }

    /// <summary>A list of strings; a single scalar counts as a one-item list.</summary>
    public IReadOnlyList<string>? StringList(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        return node is null ? null : StringList(node, $"'{key}'");
    }

    public IReadOnlyList<string>? StringList(YamlNode node, string what)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return [scalar.Value ?? string.Empty];
            case YamlSequenceNode seq:
                var list = new List<string>(seq.Children.Count);
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: { } s })
                    {
                        list.Add(s);
                    }
                    else
                    {
                        Error(item, $"items of {what} must be text values, not {Describe(item)}");
                    }
                }

                return list;
            default:
                Error(node, $"{what} must be a list of text values, not {Describe(node)}");
                return null;
        }
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: { } v } => $"'{(v.Length > 40 ? v[..40] + "..." : v)}'",
        _ => "an empty value",
    };

    /// <summary>The allowed word closest to <paramref name="word"/> (edit distance ≤ 2, or a shared prefix).</summary>
    public static string? Suggest(string word, IEnumerable<string> allowed)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in allowed)
        {
            int d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>
    /// A YAML parser that checks the depth, size and scalar length limits on each event as the
    /// tree is built from it, and stops at the first event past a limit (one pass over the text,
    /// not a checking pass and then a building pass).
    /// </summary>
    private sealed class LimitedParser(IParser inner) : IParser
    {
        private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
        {
            "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
        };

        private int _depth;
        private int _events;

        // For each open collection: is it a mapping, and is its next node a key? Keys must be plain
        // scalars: YamlDotNet's tree compares keys with Equals, which recurses without end on alias
        // and collection keys (an AFL find: tests/fuzz/regressions/rules/complex-key-alias).
        private readonly Stack<(bool Mapping, bool KeyNext)> _open = new();

        /// <summary>Where the last event started (1-based).</summary>
        public (int Line, int Column) At { get; private set; } = (1, 1);

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            var e = inner.Current!;
            At = ((int)e.Start.Line, (int)e.Start.Column);
            string? limit = ++_events > MaxEvents ? $"the file is too large (more than {MaxEvents} YAML events)" : null;
            if (e is NodeEvent or AnchorAlias && _open.TryPop(out var parent))
            {
                if (parent.Mapping && parent.KeyNext && e is not Scalar)
                {
                    limit ??= "a mapping key must be a plain word, not an alias, a list or a mapping";
                }

                _open.Push((parent.Mapping, parent.Mapping && !parent.KeyNext));
            }

            switch (e)
            {
                case MappingStart:
                    _open.Push((true, true));
                    break;
                case SequenceStart:
                    _open.Push((false, false));
                    break;
                case MappingEnd or SequenceEnd:
                    _open.TryPop(out _);
                    break;
            }

            switch (e)
            {
                case MappingStart or SequenceStart when ++_depth > MaxDepth:
                    limit ??= $"YAML nesting deeper than {MaxDepth} levels";
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
                case Scalar { Value.Length: > MaxScalarLength }:
                    limit ??= $"a YAML value is longer than {MaxScalarLength} characters";
                    break;
            }

            // Tags name types to build (`!!python/object`, `!MyType`): PixLint builds none, so it accepts
            // only the standard tags of plain values rather than read such a node as if untagged.
            if (e is NodeEvent { Tag.IsEmpty: false } node && !node.Tag.IsNonSpecific && !CoreTags.Contains(node.Tag.Value))
            {
                limit ??= $"unsupported YAML tag '{node.Tag.Value}' (rule and configuration files take plain values; the only tags allowed are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq)";
            }

            return limit is null ? true : throw new LimitExceededException(limit);
        }
    }

    /// <summary>A file past one of the limits (thrown by <see cref="LimitedParser"/>, caught in <see cref="Load"/>).</summary>
    private sealed class LimitExceededException(string message) : Exception(message);

    private static long ExpandedSize(YamlNode node, HashSet<YamlNode> path, Dictionary<YamlNode, long> memo)
    {
        if (memo.TryGetValue(node, out long known))
        {
            return known;
        }

        if (!path.Add(node))
        {
            return MaxExpandedNodes + 1L; // a cycle expands without bound
        }

        long size = 1;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    size += ExpandedSize(k, path, memo) + ExpandedSize(v, path, memo);
                    if (size > MaxExpandedNodes)
                    {
                        break;
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    size += ExpandedSize(item, path, memo);
                    if (size > MaxExpandedNodes)
                    {
                        break;
                    }
                }

                break;
        }

        path.Remove(node);
        memo[node] = size;
        return size;
    }
}
