namespace PixLint.Cli;

/// <summary>
/// The file operations `fix --write` performs and `lint` reads its files with, behind an interface
/// so that tests can make them fail the way a read-only folder does even when they run as root (who
/// ignores permissions), or make a file vanish mid-run.
/// </summary>
public interface IFileSystem
{
    bool Exists(string path);

    byte[] ReadAllBytes(string path);

    /// <summary>Opens a file to read (`lint` reads its inputs this way, so tests can make one vanish).</summary>
    Stream OpenRead(string path);

    /// <summary>Creates a new file with mode 0600; fails when anything (a symbolic link included) exists at the path.</summary>
    Stream CreateNew(string path);

    /// <summary>Copies a file to a path that must not exist yet.</summary>
    void Copy(string source, string destination);

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (atomic on one volume).</summary>
    void Move(string source, string destination);

    void Delete(string path);

    /// <summary>
    /// Gives the file open as <paramref name="destination"/> (a stream from <see cref="CreateNew"/>) the
    /// owner and group (where the process may), extended attributes and mode of <paramref name="source"/>,
    /// through the open handle, so that no other file can be swapped in at its path meanwhile (Unix; a no-op elsewhere).
    /// </summary>
    void CopyPermissions(string source, Stream destination);

    /// <summary>The file a path finally names (symbolic links followed).</summary>
    string ResolveFinalPath(string path);

    /// <summary>True when the file is marked read-only (no write permission for its owner; the read-only attribute on Windows).</summary>
    bool IsReadOnly(string path);
}

/// <summary>The real file system.</summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    public Stream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    public void Copy(string source, string destination) => File.Copy(source, destination, overwrite: false);

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void CopyPermissions(string source, Stream destination)
    {
        if (OperatingSystem.IsWindows() || destination is not FileStream file)
        {
            return;
        }

        using var original = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var handle = file.SafeFileHandle;
        if (UnixFile.Status(original) is { } status)
        {
            // Owner first (a change of owner clears the set-id bits), attributes, then the mode.
            UnixFile.SetOwner(handle, status.Uid, status.Gid);
            UnixFile.CopyExtendedAttributes(original, handle);
        }

        File.SetUnixFileMode(handle, File.GetUnixFileMode(original));
    }

    public string ResolveFinalPath(string path)
    {
        // Not a link (or nothing there yet, as for a new report): the path itself.
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    public bool IsReadOnly(string path) => OperatingSystem.IsWindows()
        ? new FileInfo(path).IsReadOnly
        : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
}
