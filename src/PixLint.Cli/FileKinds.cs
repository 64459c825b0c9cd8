using System.Runtime.InteropServices;

namespace PixLint.Cli;

/// <summary>What a path names (symbolic links followed): a regular file, a folder, or something that is no file to read.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, socket or device: opening a FIFO blocks until someone writes to it, and /dev/zero never ends.</summary>
    Special,
}

/// <summary>
/// Tells regular files from FIFOs, sockets and devices, which .NET's file APIs do not (they report
/// all of them as existing files of length 0). On Unix it asks the runtime's own native shim
/// (System.Native, also linked into the Native AOT binary) for the file mode.
/// </summary>
public static partial class FileKinds
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        if (Stat(path, out var status) != 0)
        {
            return FileKind.Missing;
        }

        return (status.Mode & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            _ => FileKind.Special,
        };
    }

    // The shim's FileStatus starts with Flags and Mode (pal_io.h); the rest (times, sizes, ids) is not
    // read here, and the buffer is larger than the whole structure.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatusPrefix
    {
        public int Flags;
        public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Stat(string path, out FileStatusPrefix output);
}
