using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PixLint.Cli;

/// <summary>What statx(2) says about a file: enough to tell one file from another and to copy its owner.</summary>
internal readonly record struct UnixFileStatus(int Mode, uint Uid, uint Gid, uint Links, ulong Device, ulong Inode)
{
    private const int TypeMask = 0xF000;

    public bool IsRegular => (Mode & TypeMask) == 0x8000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>True when both name the same file (device and inode).</summary>
    public bool SameFile(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;
}

/// <summary>
/// The Linux calls .NET does not offer for writing a file safely: status by handle (inode, owner,
/// link count), owner, extended attributes and an advisory lock, all on an open handle so that no
/// path can be swapped in between. On other systems (or without glibc) they report "not available"
/// and the caller carries on with what .NET does offer.
/// </summary>
internal static partial class UnixFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int OfdSetLock = 37;
    private const short WriteLock = 1;
    private const short Unlock = 2;

    /// <summary>The status of the file a handle is open on, or null where statx is not available.</summary>
    public static UnixFileStatus? Status(SafeFileHandle handle) => Call(() => Statx(handle, string.Empty, AtEmptyPath, StatxBasicStats, out var s) == 0 ? Convert(s) : (UnixFileStatus?)null);

    /// <summary>The status of what a path names (<paramref name="followLinks"/>: the link's target), or null when it does not exist.</summary>
    public static UnixFileStatus? Status(string path, bool followLinks = true) =>
        Call(() => StatxPath(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var s) == 0 ? Convert(s) : (UnixFileStatus?)null);

    /// <summary>Gives the file behind <paramref name="handle"/> the owner and group (root may; others keep theirs, as cp -p does).</summary>
    public static void SetOwner(SafeFileHandle handle, uint uid, uint gid) => Call(() => FChown(handle, uid, gid) == 0 || FChown(handle, uint.MaxValue, gid) == 0);

    /// <summary>Copies every extended attribute the process may set from one open file to another (SELinux labels, ACLs, user.*).</summary>
    public static void CopyExtendedAttributes(SafeFileHandle from, SafeFileHandle to) => Call(() =>
    {
        long size = FListXattr(from, null, 0);
        if (size <= 0)
        {
            return true;
        }

        var names = new byte[size];
        size = FListXattr(from, names, (nuint)names.Length);
        foreach (var name in names.AsSpan(0, (int)Math.Max(0, size)).ToArray().Split0())
        {
            long length = FGetXattr(from, name, null, 0);
            if (length < 0)
            {
                continue;
            }

            var value = new byte[length];
            length = FGetXattr(from, name, value, (nuint)value.Length);
            if (length >= 0)
            {
                // Fails for namespaces this user may not write (trusted.*, security.* as a user): those stay unset.
                _ = FSetXattr(to, name, value, (nuint)length, 0);
            }
        }

        return true;
    });

    /// <summary>
    /// Takes an open-file-description write lock (fcntl F_OFD_SETLK) on the whole file without
    /// waiting: true when taken, false when another process holds one, null where such locks are
    /// not available. Unlike flock, which .NET itself takes on every open, it does not stop others
    /// from reading the file; it only keeps two `pixlint fix --write` runs apart.
    /// </summary>
    public static bool? TryLock(SafeFileHandle handle) => Call(() =>
    {
        var request = new FileLock { Type = WriteLock };
        return Fcntl(handle, OfdSetLock, ref request) == 0 ? true : (bool?)false;
    });

    /// <summary>Releases <see cref="TryLock"/>'s lock (closing the handle does too).</summary>
    public static void ReleaseLock(SafeFileHandle handle) => Call(() =>
    {
        var request = new FileLock { Type = Unlock };
        return Fcntl(handle, OfdSetLock, ref request) == 0;
    });

    /// <summary>The effective user id (geteuid), or null where it is not available.</summary>
    public static uint? EffectiveUserId() => Call(() => (uint?)GetEffectiveUserId());

    /// <summary>The process's umask (from /proc/self/status, which reads it without changing it), or 022.</summary>
    public static UnixFileMode Umask()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                {
                    return (UnixFileMode)System.Convert.ToInt32(line[6..].Trim(), 8);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or no /proc: the usual default.
        }

        return UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    }

    private static IEnumerable<byte[]> Split0(this byte[] list)
    {
        int start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] == 0)
            {
                if (i > start)
                {
                    yield return list[start..(i + 1)];
                }

                start = i + 1;
            }
        }
    }

    private static T? Call<T>(Func<T> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return default;
        }
    }

    private static UnixFileStatus Convert(in StatxBuffer s) =>
        new(s.Mode, s.Uid, s.Gid, s.Links, ((ulong)s.DeviceMajor << 32) | s.DeviceMinor, s.Inode);

    // struct statx (linux/stat.h), the same on every architecture; the tail is not read.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)]
        public uint Links;
        [FieldOffset(20)]
        public uint Uid;
        [FieldOffset(24)]
        public uint Gid;
        [FieldOffset(28)]
        public ushort Mode;
        [FieldOffset(32)]
        public ulong Inode;
        [FieldOffset(136)]
        public uint DeviceMajor;
        [FieldOffset(140)]
        public uint DeviceMinor;
    }

    // struct flock on 64-bit Linux: short type, short whence, long start, long len, int pid (0 for OFD locks).
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Statx(SafeFileHandle dirfd, string path, int flags, uint mask, out StatxBuffer result);

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int StatxPath(int dirfd, string path, int flags, uint mask, out StatxBuffer result);

    [LibraryImport("libc.so.6", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc.so.6", EntryPoint = "fchown")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int FChown(SafeFileHandle fd, uint uid, uint gid);

    [LibraryImport("libc.so.6", EntryPoint = "flistxattr")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial long FListXattr(SafeFileHandle fd, byte[]? list, nuint size);

    [LibraryImport("libc.so.6", EntryPoint = "fgetxattr")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial long FGetXattr(SafeFileHandle fd, byte[] name, byte[]? value, nuint size);

    [LibraryImport("libc.so.6", EntryPoint = "fsetxattr")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int FSetXattr(SafeFileHandle fd, byte[] name, byte[] value, nuint size, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "fcntl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Fcntl(SafeFileHandle fd, int command, ref FileLock request);
}
