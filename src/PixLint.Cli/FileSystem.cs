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

    /// <summary>Creates a new file; fails when it exists.</summary>
    Stream CreateNew(string path);

    /// <summary>Copies a file to a path that must not exist yet.</summary>
    void Copy(string source, string destination);

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (atomic on one volume).</summary>
    void Move(string source, string destination);

    void Delete(string path);

    /// <summary>Gives <paramref name="destination"/> the permissions of <paramref name="source"/> (Unix; a no-op elsewhere).</summary>
    void CopyPermissions(string source, string destination);

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

    public Stream CreateNew(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    public void Copy(string source, string destination) => File.Copy(source, destination, overwrite: false);

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void CopyPermissions(string source, string destination)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        }
    }

    public string ResolveFinalPath(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    public bool IsReadOnly(string path) => OperatingSystem.IsWindows()
        ? new FileInfo(path).IsReadOnly
        : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
}
