using System.Security.Cryptography;

namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// Everything in a folder, recursively, as text: for each entry its type (file, folder, link, FIFO, device), mode and
/// modification time, and for a regular file its size and SHA-256. Two equal snapshots mean nothing was created,
/// removed, replaced or changed; FIFOs and devices are never opened.
/// </summary>
internal static class FolderSnapshot
{
    public static IReadOnlyList<string> Of(string folder)
    {
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions
                 { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            string name = Path.GetRelativePath(folder, entry.FullName);
            string mode = OperatingSystem.IsWindows() ? "" : entry.UnixFileMode.ToString();
            // A folder's time changes when a temporary file is made and removed in it, which leaves nothing behind.
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                lines.Add($"{name} mode={mode} folder");
                continue;
            }
            string common = $"{name} mode={mode} mtime={entry.LastWriteTimeUtc.Ticks}";
            if (entry.LinkTarget is string target) lines.Add($"{common} link -> {target}");
            else
            {
                var type = FileKind.Of(entry.FullName);
                lines.Add(type == FileType.Regular
                    ? $"{common} file {((FileInfo)entry).Length} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}"
                    : $"{common} {type}");
            }
        }
        return lines;
    }
}
