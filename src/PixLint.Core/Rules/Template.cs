using System.Text;

namespace PixLint.Rules;

/// <summary>
/// A message template: text with `{property.path}` placeholders (`{{` and `}}` for literal braces).
/// Placeholders are resolved against the rule's subject kind when the rule loads, so a misspelled
/// or uncaptured name is a load error, never a blank in a report.
/// </summary>
public sealed class Template
{
    private readonly List<(string? Literal, PropertyPath? Path)> _parts;

    private Template(string text, List<(string?, PropertyPath?)> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public IEnumerable<PropertyPath> Placeholders => _parts.Where(p => p.Path is not null).Select(p => p.Path!);

    /// <summary>Parses <paramref name="text"/>; each problem is reported through <paramref name="error"/>.</summary>
    public static Template Parse(string text, SubjectKind kind, IReadOnlyDictionary<string, PropertyDef>? extra, Action<string> error)
    {
        var parts = new List<(string?, PropertyPath?)>();
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            int close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                error($"unclosed '{{' at position {i + 1} of the template (use '{{{{' for a literal brace)");
                break;
            }

            string name = text[(i + 1)..close].Trim();
            var path = PropertyPath.Resolve(name, kind, extra, out string? problem);
            if (path is null)
            {
                error($"placeholder '{{{name}}}': {problem}");
            }
            else
            {
                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), null));
                    literal.Clear();
                }

                parts.Add((null, path));
            }

            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return new Template(text, parts);
    }

    public string Render(object subject, EvalContext context, IDictionary<string, string>? captures = null)
    {
        var sb = new StringBuilder();
        foreach (var (literal, path) in _parts)
        {
            if (literal is not null)
            {
                sb.Append(literal);
                continue;
            }

            string value = path!.Evaluate(subject, context).Render();
            captures?.TryAdd(path.Text, value);
            sb.Append(value);
        }

        return sb.ToString();
    }
}
