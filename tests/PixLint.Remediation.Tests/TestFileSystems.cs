namespace PixLint.Tests;

/// <summary>
/// The real file system, refusing to create or rename files in folders whose mode lacks the owner's
/// write bit, as the OS does for every user but root. Tests run as root in some CI containers,
/// where a read-only folder would not stop anything; this keeps the test meaningful there, and
/// elsewhere the OS refuses first.
/// </summary>
internal sealed class PermissionRespectingFileSystem : DelegatingFileSystem
{
    public override Stream CreateNew(string path)
    {
        Check(path);
        return base.CreateNew(path);
    }

    public override void Copy(string source, string destination)
    {
        Check(destination);
        base.Copy(source, destination);
    }

    public override void Move(string source, string destination)
    {
        Check(destination);
        base.Move(source, destination);
    }

    public override void Delete(string path)
    {
        Check(path);
        base.Delete(path);
    }

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
internal sealed class FailingRenameFileSystem : DelegatingFileSystem
{
    public List<string> Created { get; } = [];

    public override Stream CreateNew(string path)
    {
        Created.Add(path);
        return base.CreateNew(path);
    }

    public override void Copy(string source, string destination)
    {
        Created.Add(destination);
        base.Copy(source, destination);
    }

    public override void Move(string source, string destination) => throw new IOException("Device or resource busy");
}

/// <summary>The real file system, except that the file reads differently the second time (someone edited it meanwhile).</summary>
internal sealed class ChangedMeanwhileFileSystem : DelegatingFileSystem
{
    public override byte[] ReadAllBytes(string path) => [.. base.ReadAllBytes(path), .. "! edited by someone else\n"u8];
}

/// <summary>
/// The real file system, where another program acts on the file while pixlint writes its temporary
/// file (when the permissions are copied to it): it saves a new version of the file (<see
/// cref="Replace"/>) or removes it.
/// </summary>
internal sealed class InterferingFileSystem(byte[]? replacement) : DelegatingFileSystem
{
    /// <summary>The other program's new version, saved as editors do (a new file renamed over the old); null removes the file.</summary>
    public byte[]? Replace { get; } = replacement;

    public override void CopyPermissions(string source, Stream destination)
    {
        if (Replace is null)
        {
            File.Delete(source);
            return;
        }

        string saved = source + ".editor-save";
        File.WriteAllBytes(saved, Replace);
        File.Move(saved, source, overwrite: true);
        base.CopyPermissions(source, destination);
    }
}

/// <summary>
/// The real file system with a quota on one folder: creating or copying files there fails with
/// "No space left on device" once the folder's files would pass <paramref name="capacity"/> bytes,
/// as a full disk does (stands in for a small tmpfs where mounting one is not allowed).
/// </summary>
internal sealed class QuotaFileSystem(string folder, long capacity) : DelegatingFileSystem
{
    public override Stream CreateNew(string path) => Inside(path) ? new LimitedStream(base.CreateNew(path), capacity - Used()) : base.CreateNew(path);

    public override void Copy(string source, string destination)
    {
        if (Inside(destination) && Used() + new FileInfo(source).Length > capacity)
        {
            throw Full();
        }

        base.Copy(source, destination);
    }

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
