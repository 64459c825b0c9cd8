using PixLint.Cli;

namespace PixLint.Tests;

public class OrderedWorkersTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 16)]
    [InlineData(8, 3)]
    public void Results_come_back_in_input_order_whatever_the_timing(int workers, int window)
    {
        var items = Enumerable.Range(0, 500).ToList();
        using var run = new OrderedWorkers<int, int>(items, workers, window, i =>
        {
            // Later items often finish first.
            Thread.SpinWait((500 - i) % 7 * 2000);
            return i * 10;
        });
        Assert.Equal(items.Select(i => i * 10), run.Results());
    }

    [Fact]
    public void At_most_the_window_is_in_flight()
    {
        int inFlight = 0, most = 0;
        var items = Enumerable.Range(0, 200).ToList();
        using var run = new OrderedWorkers<int, int>(items, 4, 6, i =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            return i;
        });
        foreach (int i in run.Results())
        {
            Interlocked.Decrement(ref inFlight); // taken by the writer
        }

        Assert.InRange(most, 1, 6);
    }

    [Fact]
    public void A_workers_exception_reaches_the_writer()
    {
        var items = Enumerable.Range(0, 50).ToList();
        using var run = new OrderedWorkers<int, int>(items, 2, 4, i => i == 20 ? throw new InvalidOperationException("boom") : i);
        var seen = new List<int>();
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (int i in run.Results())
            {
                seen.Add(i);
            }
        });
        Assert.Equal("boom", e.Message);
        Assert.Equal(Enumerable.Range(0, seen.Count), seen);
        Assert.True(seen.Count <= 20);
    }

    [Fact]
    public void Stopping_early_ends_the_workers()
    {
        int done = 0;
        var items = Enumerable.Range(0, 10_000).ToList();
        var run = new OrderedWorkers<int, int>(items, 2, 8, i =>
        {
            Interlocked.Increment(ref done);
            return i;
        });
        Assert.Equal([0, 1, 2], run.Results().Take(3));
        run.Dispose();
        int after = Volatile.Read(ref done);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref done));
        Assert.True(after < 100, $"{after} items were linted after the writer stopped at 3");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
