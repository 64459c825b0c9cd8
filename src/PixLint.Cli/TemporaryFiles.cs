using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PixLint.Cli;

/// <summary>
/// The temporary files (and half-made backups) this process has open: Ctrl-C (SIGINT), SIGTERM,
/// SIGHUP or SIGQUIT removes them before the process ends, so that an interrupted write leaves no
/// copy of a configuration (and its keys) behind. The signal is then handled as usual: the process ends.
/// </summary>
internal static class TemporaryFiles
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal);
    private static List<PosixSignalRegistration>? _registrations;

    /// <summary>
    /// Creates a new file beside <paramref name="target"/> for its replacement: an unpredictable name
    /// (64 random bits), O_CREAT|O_EXCL (an existing file or a symbolic link planted at that name
    /// makes it fail, never followed) and mode 0600 until the caller gives it its final mode.
    /// </summary>
    public static (string Path, Stream Stream) CreateBeside(IFileSystem fs, string target)
    {
        string folder = Path.GetDirectoryName(target) ?? ".";
        string name = Path.GetFileName(target);
        string suffix = $".pixlint-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        string path = Path.Combine(folder, "." + (name.Length + suffix.Length < 250 ? name : string.Empty) + suffix);
        Add(path);
        try
        {
            return (path, fs.CreateNew(path));
        }
        catch
        {
            Remove(path);
            throw;
        }
    }

    /// <summary>Records a file to remove on an interrupt (the first call installs the signal handlers).</summary>
    public static void Add(string path)
    {
        lock (Gate)
        {
            _registrations ??= Install();
            Paths.Add(path);
        }
    }

    /// <summary>The file was renamed into place or removed: nothing to clean up any more.</summary>
    public static void Remove(string path)
    {
        lock (Gate)
        {
            Paths.Remove(path);
        }
    }

    private static List<PosixSignalRegistration> Install()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, _ => RemoveAll()));
            }
            catch (Exception e) when (e is PlatformNotSupportedException or IOException)
            {
                // Not every signal exists everywhere (Windows has SIGINT and SIGTERM only).
            }
        }

        return registrations;
    }

    private static void RemoveAll()
    {
        lock (Gate)
        {
            foreach (string path in Paths)
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort while the process ends.
                }
            }

            Paths.Clear();
        }
    }
}
