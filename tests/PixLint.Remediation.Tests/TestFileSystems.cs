using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>
/// The real file system, refusing to create or rename files in folders whose mode lacks the owner's
/// write bit, as the OS does for every user but root. Tests run as root in some CI containers,
/// where a read-only folder would not stop anything; this keeps the test meaningful there, and
/// elsewhere the OS refuses first.
/// </summary>
internal sealed class PermissionRespectingFileSystem : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    public bool Exists(string path) => _inner.Exists(path);

    public byte[] ReadAllBytes(string path) => _inner.ReadAllBytes(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream CreateNew(string path)
    {
        Check(path);
        return _inner.CreateNew(path);
    }

    public void Copy(string source, string destination)
    {
        Check(destination);
        _inner.Copy(source, destination);
    }

    public void Move(string source, string destination)
    {
        Check(destination);
        _inner.Move(source, destination);
    }

    public void Delete(string path)
    {
        Check(path);
        _inner.Delete(path);
    }

    public void CopyPermissions(string source, string destination) => _inner.CopyPermissions(source, destination);

    public string ResolveFinalPath(string path) => _inner.ResolveFinalPath(path);

    public bool IsReadOnly(string path) => _inner.IsReadOnly(path);

    private static void Check(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(folder) & UnixFileMode.UserWrite) == 0)
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }
    }
}

/// <summary>The real file system whose rename fails (a full disk, a file locked by another program...).</summary>
internal sealed class FailingRenameFileSystem : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    public List<string> Created { get; } = [];

    public bool Exists(string path) => _inner.Exists(path);

    public byte[] ReadAllBytes(string path) => _inner.ReadAllBytes(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream CreateNew(string path)
    {
        Created.Add(path);
        return _inner.CreateNew(path);
    }

    public void Copy(string source, string destination)
    {
        Created.Add(destination);
        _inner.Copy(source, destination);
    }

    public void Move(string source, string destination) => throw new IOException("Device or resource busy");

    public void Delete(string path) => _inner.Delete(path);

    public void CopyPermissions(string source, string destination) => _inner.CopyPermissions(source, destination);

    public string ResolveFinalPath(string path) => _inner.ResolveFinalPath(path);

    public bool IsReadOnly(string path) => _inner.IsReadOnly(path);
}

/// <summary>The real file system, except that the file reads differently the second time (someone edited it meanwhile).</summary>
internal sealed class ChangedMeanwhileFileSystem : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    public bool Exists(string path) => _inner.Exists(path);

    public byte[] ReadAllBytes(string path) => [.. _inner.ReadAllBytes(path), .. "! edited by someone else\n"u8];

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream CreateNew(string path) => _inner.CreateNew(path);

    public void Copy(string source, string destination) => _inner.Copy(source, destination);

    public void Move(string source, string destination) => _inner.Move(source, destination);

    public void Delete(string path) => _inner.Delete(path);

    public void CopyPermissions(string source, string destination) => _inner.CopyPermissions(source, destination);

    public string ResolveFinalPath(string path) => _inner.ResolveFinalPath(path);

    public bool IsReadOnly(string path) => _inner.IsReadOnly(path);
}

/// <summary>
/// The real file system, where another program acts on the file while pixlint writes its temporary
/// file (when the permissions are copied to it): it saves a new version of the file (<see
/// cref="Replace"/>) or removes it.
/// </summary>
internal sealed class InterferingFileSystem(byte[]? replacement) : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    /// <summary>The other program's new version, saved as editors do (a new file renamed over the old); null removes the file.</summary>
    public byte[]? Replace { get; } = replacement;

    public bool Exists(string path) => _inner.Exists(path);

    public byte[] ReadAllBytes(string path) => _inner.ReadAllBytes(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream CreateNew(string path) => _inner.CreateNew(path);

    public void Copy(string source, string destination) => _inner.Copy(source, destination);

    public void Move(string source, string destination) => _inner.Move(source, destination);

    public void Delete(string path) => _inner.Delete(path);

    public void CopyPermissions(string source, string destination)
    {
        if (Replace is null)
        {
            File.Delete(source);
            return;
        }

        string saved = source + ".editor-save";
        File.WriteAllBytes(saved, Replace);
        File.Move(saved, source, overwrite: true);
        _inner.CopyPermissions(source, destination);
    }

    public string ResolveFinalPath(string path) => _inner.ResolveFinalPath(path);

    public bool IsReadOnly(string path) => _inner.IsReadOnly(path);
}

/// <summary>
/// The real file system with a quota on one folder: creating or copying files there fails with
/// "No space left on device" once the folder's files would pass <paramref name="capacity"/> bytes,
/// as a full disk does (stands in for a small tmpfs where mounting one is not allowed).
/// </summary>
internal sealed class QuotaFileSystem(string folder, long capacity) : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    public bool Exists(string path) => _inner.Exists(path);

    public byte[] ReadAllBytes(string path) => _inner.ReadAllBytes(path);

    public Stream OpenRead(string path) => _inner.OpenRead(path);

    public Stream CreateNew(string path) => Inside(path) ? new LimitedStream(_inner.CreateNew(path), capacity - Used()) : _inner.CreateNew(path);

    public void Copy(string source, string destination)
    {
        if (Inside(destination) && Used() + new FileInfo(source).Length > capacity)
        {
            throw Full();
        }

        _inner.Copy(source, destination);
    }

    public void Move(string source, string destination) => _inner.Move(source, destination);

    public void Delete(string path) => _inner.Delete(path);

    public void CopyPermissions(string source, string destination) => _inner.CopyPermissions(source, destination);

    public string ResolveFinalPath(string path) => _inner.ResolveFinalPath(path);

    public bool IsReadOnly(string path) => _inner.IsReadOnly(path);

    private bool Inside(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) == Path.GetFullPath(folder);

    private long Used() => Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);

    private static IOException Full() => new("No space left on device");

    private sealed class LimitedStream(Stream inner, long room) : Stream
    {
        private long _room = room;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length > _room)
            {
                throw Full();
            }

            _room -= buffer.Length;
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
