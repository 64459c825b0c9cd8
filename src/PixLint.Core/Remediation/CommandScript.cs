namespace PixLint.Remediation;

/// <summary>
/// Renders device commands as configuration-mode lines: each sub-mode is entered by its command,
/// indented one space per level as the device prints it, left with `exit` when the next command
/// lives elsewhere, and the script ends back in global configuration mode.
/// </summary>
public static class CommandScript
{
    public const string Exit = "exit";

    /// <summary>The configuration-mode lines for <paramref name="commands"/>, in order.</summary>
    public static IReadOnlyList<string> Render(IEnumerable<DeviceCommand> commands)
    {
        var lines = new List<string>();
        IReadOnlyList<string> current = [];
        foreach (var command in commands)
        {
            int common = CommonPrefix(current, command.Mode);
            for (int depth = current.Count; depth > common; depth--)
            {
                lines.Add(Indent(depth) + Exit);
            }

            for (int depth = common; depth < command.Mode.Count; depth++)
            {
                lines.Add(Indent(depth) + command.Mode[depth]);
            }

            lines.Add(Indent(command.Mode.Count) + command.Text);
            current = command.Mode;
        }

        for (int depth = current.Count; depth > 0; depth--)
        {
            lines.Add(Indent(depth) + Exit);
        }

        return lines;
    }

    /// <summary>
    /// The commands of several fixes as one script: definitions before policies before clean-up
    /// (stable within a stage), and a command that an earlier fix already gives is not repeated.
    /// </summary>
    public static IReadOnlyList<DeviceCommand> Combine(IEnumerable<IReadOnlyList<DeviceCommand>> fixes)
    {
        var all = new List<DeviceCommand>();
        foreach (var fix in fixes)
        {
            foreach (var command in fix)
            {
                if (!all.Exists(c => c.SameAs(command)))
                {
                    all.Add(command);
                }
            }
        }

        return [.. all.Select((c, i) => (c, i)).OrderBy(x => x.c.Stage).ThenBy(x => x.i).Select(x => x.c)];
    }

    private static int CommonPrefix(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int n = 0;
        while (n < a.Count && n < b.Count && string.Equals(a[n], b[n], StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string Indent(int depth) => new(' ', depth);
}
