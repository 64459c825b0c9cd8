namespace PixLint.Model;

/// <summary>
/// Evaluates a value over the `group-object` graph of object-groups: each group once (memoised), in
/// post-order, without recursion (a chain of 100,000 nested groups does not overflow the stack), with
/// cycle detection. Real configurations share subgroups, so the graph is a DAG whose paths can be
/// exponential in number while the groups are few: following every path is what made a 5 KB file
/// run for minutes (issue 19).
/// </summary>
internal static class GroupWalk
{
    /// <summary>
    /// The value of group <paramref name="root"/> (a line), where a group's value is
    /// <paramref name="combine"/>(group, value of a nested group). <paramref name="nested"/> lists the
    /// lines of the groups a group includes. A nested group that is still being evaluated (a cycle,
    /// which a device refuses) has the value <paramref name="onCycle"/>. <paramref name="onPath"/> holds
    /// the groups being evaluated; the caller keeps it with the memo, so that an evaluation entered again
    /// from inside <paramref name="combine"/> (a service object naming a group) sees the cycle too.
    /// </summary>
    public static T Evaluate<T>(int root, Dictionary<int, T> memo, HashSet<int> onPath, Func<int, List<int>> nested, Func<int, Func<int, T>, T> combine, T onCycle)
    {
        if (memo.TryGetValue(root, out var known))
        {
            return known;
        }

        if (!onPath.Add(root))
        {
            return onCycle;
        }

        T Lookup(int group) => memo.TryGetValue(group, out var value) ? value : onCycle;

        var frames = new Stack<(int Group, List<int> Kids, int Next)>();
        frames.Push((root, nested(root), 0));
        int steps = 0;
        while (frames.Count > 0)
        {
            if ((++steps & 1023) == 0)
            {
                TimeBudget.Check();
            }

            var (group, kids, next) = frames.Pop();
            if (next < kids.Count)
            {
                frames.Push((group, kids, next + 1));
                int kid = kids[next];
                if (!memo.ContainsKey(kid) && onPath.Add(kid))
                {
                    frames.Push((kid, nested(kid), 0));
                }

                continue;
            }

            memo[group] = combine(group, Lookup);
            onPath.Remove(group);
        }

        return memo[root];
    }
}
