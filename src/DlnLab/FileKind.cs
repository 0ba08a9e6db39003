using System.Runtime.InteropServices;

namespace DlnLab;

/// <summary>What a path names on disk: nothing, a regular file, a folder, or something else (FIFO, device, socket).</summary>
public enum FileType
{
    /// <summary>Nothing (or a symbolic link that names nothing).</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe.</summary>
    Fifo,
    /// <summary>A character device (a terminal, /dev/null).</summary>
    CharacterDevice,
    /// <summary>A block device (a disk).</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>
/// The type of a path, following symbolic links, found without opening it (opening a FIFO blocks, reading a device
/// never ends). .NET has no public API for this, so on Unix it asks the runtime's own native shim (the stat call
/// <see cref="File"/> itself uses); elsewhere only files and folders are told apart.
/// </summary>
public static partial class FileKind
{
    /// <summary>The type of <paramref name="path"/> (symbolic links followed; a dangling link is <see cref="FileType.Missing"/>).</summary>
    public static FileType Of(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Regular : FileType.Missing;
        // SystemNative's FileStatus starts with int Flags, int Mode (st_mode, with the S_IFMT type bits); the rest is not read.
        Span<byte> status = stackalloc byte[512];
        if (Stat(path, ref MemoryMarshal.GetReference(status)) != 0) return FileType.Missing;
        int mode = MemoryMarshal.Read<int>(status[4..]);
        return (mode & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0x1000 => FileType.Fifo,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.Other,
        };
    }

    /// <summary>How a type is named in messages ("a FIFO", "a character device").</summary>
    public static string Describe(FileType type) => type switch
    {
        FileType.Missing => "missing",
        FileType.Regular => "a regular file",
        FileType.Directory => "a folder",
        FileType.Fifo => "a FIFO (named pipe)",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Socket => "a socket",
        _ => "not a regular file",
    };

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);
}
