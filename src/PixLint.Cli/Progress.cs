namespace PixLint.Cli;

/// <summary>
/// A progress bar on standard error, only when standard error is a terminal and many files are
/// being linted: never in redirected output or CI logs.
/// </summary>
internal sealed class Progress
{
    private const int MinimumFiles = 50;
    private const int Width = 30;

    private readonly TextWriter? _error;
    private readonly int _total;
    private int _done;
    private int _drawn = -1;

    private Progress(TextWriter? error, int total)
    {
        _error = error;
        _total = total;
    }

    public static Progress Create(CliEnvironment env, int total) =>
        new(env.StderrIsTerminal && total >= MinimumFiles && string.IsNullOrEmpty(env.GetVariable("CI")) ? env.Error : null, total);

    public void Advance(int files)
    {
        if (_error is null)
        {
            return;
        }

        _done += files;

        // Redraw about every half per cent, not for each file.
        if (_done < _total && _done - _drawn < Math.Max(1, _total / 200))
        {
            return;
        }

        _drawn = _done;
        int filled = _total == 0 ? Width : _done * Width / _total;
        _error.Write($"\r[{new string('=', filled)}{new string(' ', Width - filled)}] {_done}/{_total} files");
        _error.Flush();
    }

    public void Done()
    {
        if (_error is not null)
        {
            _error.Write("\r" + new string(' ', Width + 30) + "\r");
            _error.Flush();
        }
    }
}
