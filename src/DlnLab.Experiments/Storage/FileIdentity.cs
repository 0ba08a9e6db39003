using System.Runtime.InteropServices;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// What stat(2) says of a path on Linux: the device and inode that identify the file, and whether it is a regular
/// file. Elsewhere (or where stat cannot be called) it is unknown (null), and callers fall back to existence checks.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, bool IsRegular)
{
    private const uint TypeMask = 0xF000, RegularFile = 0x8000;

    /// <summary>The identity of the file at <paramref name="path"/> (links followed), or null when it is missing or unknown.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24, // st_dev, st_ino, st_nlink (8 bytes each), then st_mode
            Architecture.Arm64 => 16, // st_dev, st_ino, then st_mode (the generic layout)
            _ => -1,
        };
        if (modeOffset < 0) return null;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Stat(path, ref MemoryMarshal.GetReference(buffer)) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        uint mode = MemoryMarshal.Read<uint>(buffer[modeOffset..]);
        return new FileIdentity(MemoryMarshal.Read<ulong>(buffer), MemoryMarshal.Read<ulong>(buffer[8..]), (mode & TypeMask) == RegularFile);
    }

    /// <summary>Whether <paramref name="other"/> is the same file: the same device and inode.</summary>
    public bool IsSameFile(FileIdentity other) => (Device, Inode) == (other.Device, other.Inode);

    [DllImport("libc.so.6", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);
}
