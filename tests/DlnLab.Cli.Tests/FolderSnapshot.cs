namespace DlnLab.Cli.Tests;

/// <summary>Every file under a folder with its bytes (special files by name only), to show that a command touched nothing.</summary>
internal static class FolderSnapshot
{
    public static SortedDictionary<string, string> Take(string folder, params string[] specialFiles)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(folder, entry);
            files[name] = Directory.Exists(entry) ? "folder"
                : specialFiles.Contains(name) ? "special"
                : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(entry)));
        }
        return files;
    }

    /// <summary>One line on stderr, no stack trace and no "unexpected error".</summary>
    public static void AssertOneErrorLine(CliRunner.Outcome run)
    {
        var lines = run.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + run.Err);
        Assert.StartsWith("dln: error: ", lines[0]);
        Assert.DoesNotContain("unexpected", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }
}
