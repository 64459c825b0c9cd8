namespace PixLint.Model;

/// <summary>
/// The TCP ports a class matches for one inspected protocol. <see cref="IsAll"/> for `match any` or
/// an `ip` access list; <see cref="IsUnknown"/> when the class could not be resolved (undefined class-map
/// or access list), in which case membership tests answer false.
/// </summary>
public sealed class PortSet
{
    private readonly PortRange[] _ranges;

    private PortSet(PortRange[] ranges, bool all, bool unknown)
    {
        _ranges = ranges;
        IsAll = all;
        IsUnknown = unknown;
    }

    public static readonly PortSet Empty = new([], false, false);

    public static readonly PortSet All = new([new PortRange(0, 65535)], true, false);

    public static readonly PortSet Unknown = new([], false, true);

    public bool IsAll { get; }

    public bool IsUnknown { get; }

    public IReadOnlyList<PortRange> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static PortSet Of(IEnumerable<PortRange> ranges)
    {
        var sorted = ranges.ToArray();
        Array.Sort(sorted, static (a, b) => a.Low.CompareTo(b.Low));
        var merged = new List<PortRange>(sorted.Length);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Low <= merged[^1].High + 1)
            {
                merged[^1] = new PortRange(merged[^1].Low, Math.Max(merged[^1].High, r.High));
            }
            else
            {
                merged.Add(r);
            }
        }

        bool all = merged.Count == 1 && merged[0].Low == 0 && merged[0].High == 65535;
        return all ? All : new PortSet([.. merged], false, false);
    }

    /// <summary>The union of many sets at once (one sort, not one per set); unknown sets add nothing.</summary>
    public static PortSet UnionOf(IEnumerable<PortSet> sets) => Of(sets.SelectMany(s => s._ranges));

    public bool Contains(int port)
    {
        foreach (var r in _ranges)
        {
            if (r.Contains(port))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a port of <paramref name="range"/> is in the set (without building an intersection).</summary>
    public bool Overlaps(PortRange range)
    {
        foreach (var r in _ranges)
        {
            if (r.Overlaps(range))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the two sets share a port (false when either is unknown): <see cref="Intersect"/> is not empty.</summary>
    public bool Overlaps(PortSet other)
    {
        if (IsUnknown || other.IsUnknown)
        {
            return false;
        }

        foreach (var r in _ranges)
        {
            if (other.Overlaps(r))
            {
                return true;
            }
        }

        return false;
    }

    public PortSet Union(PortSet other) =>
        IsUnknown && other.IsUnknown ? Unknown : Of(_ranges.Concat(other._ranges));

    public PortSet Intersect(PortSet other)
    {
        if (IsUnknown || other.IsUnknown)
        {
            return Unknown;
        }

        var result = new List<PortRange>();
        foreach (var a in _ranges)
        {
            foreach (var b in other._ranges)
            {
                if (a.Overlaps(b))
                {
                    result.Add(new PortRange(Math.Max(a.Low, b.Low), Math.Min(a.High, b.High)));
                }
            }
        }

        return Of(result);
    }

    /// <summary>`25`, `25, 587`, `2525-2530`, `any`, or `unknown`.</summary>
    public override string ToString() =>
        IsUnknown ? "unknown" : IsAll ? "any" : IsEmpty ? "none" : string.Join(", ", _ranges.Select(r => r.ToString()));
}
