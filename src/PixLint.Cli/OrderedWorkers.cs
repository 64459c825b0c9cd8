using System.Runtime.ExceptionServices;

namespace PixLint.Cli;

/// <summary>
/// Runs <c>work</c> over the items on dedicated worker threads and hands the results back in the
/// items' order, as each becomes available, to the one thread that enumerates <see cref="Results"/>
/// (the report writer). Workers never wait for the writer except when <c>window</c> items are done
/// but not yet taken, so every core stays busy while the output stays deterministic and memory
/// stays flat over any number of files. Disposing stops the workers (after their current item).
/// </summary>
internal sealed class OrderedWorkers<TItem, TResult> : IDisposable
{
    private readonly IReadOnlyList<TItem> _items;
    private readonly Func<TItem, TResult> _work;
    private readonly TResult?[] _results;
    private readonly bool[] _ready;
    private readonly SemaphoreSlim _free;
    private readonly Thread[] _threads;
    private readonly object _gate = new(); // a monitor (Monitor.Wait), not a System.Threading.Lock
    private ExceptionDispatchInfo? _failure;
    private int _next = -1;
    private volatile bool _stopped;

    public OrderedWorkers(IReadOnlyList<TItem> items, int workers, int window, Func<TItem, TResult> work)
    {
        _items = items;
        _work = work;
        window = Math.Max(window, workers);
        _results = new TResult?[window];
        _ready = new bool[window];
        _free = new SemaphoreSlim(window);
        _threads = new Thread[Math.Clamp(workers, 1, Math.Max(1, items.Count))];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"pixlint-worker-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Each item's result, in the items' order; a worker's exception is rethrown here.</summary>
    public IEnumerable<TResult> Results()
    {
        for (int i = 0; i < _items.Count; i++)
        {
            int slot = i % _results.Length;
            TResult result;
            lock (_gate)
            {
                while (!_ready[slot] && _failure is null)
                {
                    Monitor.Wait(_gate);
                }

                _failure?.Throw();
                result = _results[slot]!;
                _results[slot] = default;
                _ready[slot] = false;
            }

            yield return result;

            // The writer is done with it: room for one more.
            _free.Release();
        }
    }

    public void Dispose()
    {
        _stopped = true;

        // Wake workers waiting for room, then wait for them to finish their current item.
        _free.Release(_threads.Length);
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _free.Dispose();
    }

    private void Work()
    {
        while (!_stopped)
        {
            _free.Wait();
            int index = Interlocked.Increment(ref _next);
            if (_stopped || index >= _items.Count)
            {
                return;
            }

            TResult result;
            try
            {
                result = _work(_items[index]);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(_gate);
                }

                return;
            }

            lock (_gate)
            {
                int slot = index % _results.Length;
                _results[slot] = result;
                _ready[slot] = true;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
