using System.Buffers.Binary;
using System.Text;

namespace DlnLab.Experiments.Storage;

/// <summary>What a path holds, decided from its first 100 bytes (the SQLite header) alone, before SQLite opens it.</summary>
internal enum StoreFileKind
{
    /// <summary>Nothing there yet: a new store may be created.</summary>
    Missing,
    /// <summary>A DlnLab store (its application id) of a schema this version reads.</summary>
    Store,
    /// <summary>Possibly a store of schema version 1, which had no application id; SQLite must confirm its tables.</summary>
    VersionOneCandidate,
}

/// <summary>
/// Recognises a store before anything opens it for writing: a folder, a device or FIFO, an empty file, a text file,
/// random bytes, a SQLite database of another program, a newer schema or a truncated store are refused with one line
/// (<see cref="InvalidInputException"/>, exit 2), and the file is not touched; an unreadable file is a
/// <see cref="StoreFaultException"/> (exit 1).
/// </summary>
internal static class StoreFile
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    private static readonly string[] SideFiles = ["-wal", "-shm", "-journal"];

    public static StoreFileKind Inspect(string path)
    {
        CheckSideFiles(path);
        if (Directory.Exists(path)) throw Refused(path, "is a folder; give a file name");
        if (new FileInfo(path).LinkTarget is string target && FileKind.Of(path) == FileType.Missing)
            throw Refused(path, $"is a symbolic link to '{target}', which does not exist (or loops); give a .db file");
        if (!File.Exists(path)) return StoreFileKind.Missing;
        if (FileIdentity.Of(path) is { IsRegular: false })
            throw Refused(path, "is not a regular file (a device, FIFO or socket); give a .db file");
        var header = new byte[100];
        int length;
        long size;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            size = stream.Length;
            length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreFaultException(path, "cannot be read: " + e.Message, e);
        }
        if (length == 0) throw Refused(path, "is an empty file, not a DlnLab store; give a new file name or a store written by 'dln sweep'");
        if (!header.AsSpan(0, Math.Min(length, Magic.Length)).SequenceEqual(Magic.AsSpan(0, Math.Min(length, Magic.Length))))
            throw Refused(path, (LooksLikeText(header.AsSpan(0, length)) ? "is a text file" : "is not a SQLite database") + ", not a DlnLab store");
        if (length < header.Length) throw Refused(path, $"is a truncated SQLite file ({length} bytes), not a usable DlnLab store");

        int applicationId = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(68));
        int userVersion = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(60));
        if (applicationId == StoreSchema.ApplicationId)
        {
            if (userVersion < 0) throw Refused(path, $"is a damaged DlnLab store (schema version {userVersion}); give a new file name");
            if (userVersion > ResultStore.SchemaVersion)
                throw Refused(path, $"is a DlnLab store of schema version {userVersion}, written by a newer DlnLab; this one reads versions up to {ResultStore.SchemaVersion}");
            CheckLength(path, header, size);
            return StoreFileKind.Store;
        }
        // Version 1 set no marker; a store of it killed before its first checkpoint has even user_version in its -wal.
        if (applicationId == 0 && (userVersion == 1 || (userVersion == 0 && File.Exists(path + "-wal")))) return StoreFileKind.VersionOneCandidate;
        throw Refused(path, applicationId == 0
            ? "is a SQLite database of another program, not a DlnLab store; give a new file name"
            : $"is a SQLite database of another program (application id 0x{applicationId:x8}), not a DlnLab store; give a new file name");
    }

    // SQLite opens PATH-wal, PATH-shm and PATH-journal beside the store as its own files (and replaces or deletes them):
    // anything there that is not a regular file is not SQLite's, and is refused before SQLite could touch it.
    private static void CheckSideFiles(string path)
    {
        foreach (string side in SideFiles)
        {
            var info = new FileInfo(path + side);
            if (info.LinkTarget is string link)
                throw Refused(path, $"has {info.Name} beside it as a symbolic link to '{link}', where SQLite keeps its own log; remove it or give another file name");
            var type = FileKind.Of(info.FullName);
            if (type is not (FileType.Missing or FileType.Regular))
                throw Refused(path, $"has {info.Name} beside it as {FileKind.Describe(type)}, where SQLite keeps its own log; remove it or give another file name");
        }
    }

    /// <summary>The refusal of a file that is not (or not any more) a usable store.</summary>
    public static InvalidInputException Refused(string path, string what) => new("store", path, what);

    // The header's page size times page count is the file's length, unless pages are still in the write-ahead log.
    private static void CheckLength(string path, byte[] header, long size)
    {
        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        long pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        long expected = (pageSize == 1 ? 65536 : pageSize) * pages;
        bool headerSizeValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (headerSizeValid && size < expected && !File.Exists(path + "-wal"))
            throw Refused(path, $"is a damaged DlnLab store: {size} bytes where its header says {expected} (truncated)");
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0c) return false;
        try { _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Length == 100 ? bytes[..96] : bytes); }
        catch (DecoderFallbackException) { return false; }
        return true;
    }
}
