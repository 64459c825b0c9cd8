namespace PixLint;

/// <summary>A file took longer than its <see cref="TimeBudget"/>: the run reports it (exit 2) and goes on with the other files.</summary>
public sealed class TimeBudgetExceededException(TimeSpan limit)
    : Exception($"linting took longer than the time budget of {limit.TotalSeconds:0.###} s per file (--timeout); stopped")
{
    public TimeSpan Limit { get; } = limit;
}

/// <summary>
/// The time one file may take. The CLI enters a budget around the work on each file; the pipeline
/// calls <see cref="Check"/> at its stages and inside its loops (every thousand lines of the parser,
/// every subject of a rule, every access rule of the mail exposure, every finding a formatter writes...), which throws
/// <see cref="TimeBudgetExceededException"/> once the time is up. The budget belongs to the thread
/// rather than to every signature because parts of the model are computed lazily, when a rule first
/// asks for them. Without a budget entered, <see cref="Check"/> costs one thread-static read.
/// </summary>
public sealed class TimeBudget
{
    [ThreadStatic]
    private static TimeBudget? t_current;

    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly TimeSpan _spent;

    /// <param name="limit">The time the file may take.</param>
    /// <param name="time">The clock (tests give a fake one).</param>
    /// <param name="spent">Time the file already used: writing its report continues the budget its linting began.</param>
    public TimeBudget(TimeSpan limit, TimeProvider? time = null, TimeSpan spent = default)
    {
        Limit = limit;
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _spent = spent;
    }

    public TimeSpan Limit { get; }

    /// <summary>The time used so far, what it started with included.</summary>
    public TimeSpan Elapsed => _spent + _time.GetElapsedTime(_start);

    /// <summary>The current thread's budget, if any: to carry it to worker threads.</summary>
    public static TimeBudget? Current => t_current;

    /// <summary>Makes <paramref name="budget"/> the current thread's budget (none: null) until the result is disposed.</summary>
    public static Scope Enter(TimeBudget? budget)
    {
        var previous = t_current;
        t_current = budget;
        return new Scope(previous);
    }

    /// <summary>Throws <see cref="TimeBudgetExceededException"/> when the current thread's budget is spent.</summary>
    public static void Check()
    {
        var budget = t_current;
        if (budget is not null && budget.Elapsed > budget.Limit)
        {
            throw new TimeBudgetExceededException(budget.Limit);
        }
    }

    /// <summary>Restores the previous budget when disposed.</summary>
    public readonly struct Scope(TimeBudget? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
