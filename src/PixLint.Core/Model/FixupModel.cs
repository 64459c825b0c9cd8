using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>
/// A `fixup protocol PROTO [ports]` line and the ports it still covers after every later
/// `no fixup protocol PROTO [ports]` (a bare `no fixup protocol PROTO` cancels all of them).
/// </summary>
public sealed class FixupEntry
{
    internal FixupEntry(int line, FixupCommand command)
    {
        Line = line;
        Command = command;
        if (command.Ports is { } ports)
        {
            PortsInForce.Add(ports);
        }
    }

    public int Line { get; }

    public FixupCommand Command { get; }

    public string Protocol => Command.Protocol;

    /// <summary>Ports still covered (empty when cancelled; empty for a port-less fixup that is still on).</summary>
    public List<PortRange> PortsInForce { get; } = [];

    /// <summary>False once later `no fixup` lines cancel every port of this line.</summary>
    public bool InForce { get; internal set; } = true;

    /// <summary>Lines of the `no fixup` commands that cancelled some or all of its ports.</summary>
    public List<int> CancelledBy { get; } = [];

    internal void Cancel(PortRange? ports, int byLine)
    {
        if (ports is null || Command.Ports is null)
        {
            if (PortsInForce.Count > 0 || InForce)
            {
                CancelledBy.Add(byLine);
            }

            PortsInForce.Clear();
            InForce = false;
            return;
        }

        bool touched = false;
        for (int i = PortsInForce.Count - 1; i >= 0; i--)
        {
            var r = PortsInForce[i];
            if (!r.Overlaps(ports.Value))
            {
                continue;
            }

            touched = true;
            PortsInForce.RemoveAt(i);
            if (r.Low < ports.Value.Low)
            {
                PortsInForce.Insert(i, new PortRange(r.Low, ports.Value.Low - 1));
            }

            if (r.High > ports.Value.High)
            {
                PortsInForce.Insert(Math.Min(i + (r.Low < ports.Value.Low ? 1 : 0), PortsInForce.Count), new PortRange(ports.Value.High + 1, r.High));
            }
        }

        if (touched)
        {
            CancelledBy.Add(byLine);
        }

        InForce = PortsInForce.Count > 0;
    }
}
