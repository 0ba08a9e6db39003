using System.Runtime.CompilerServices;

namespace DlnLab.Tests.Problems;

/// <summary>Finds the committed numpy fixtures and hands out throw-away folders for files the tests write.</summary>
internal static class FixtureFiles
{
    private static readonly Lazy<string> Folder = new(() => Locate());

    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    // The fixtures are not copied to the build output: find them beside this source file, or above the test binaries.
    private static string Locate([CallerFilePath] string source = "")
    {
        string beside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source) ?? "", "Fixtures");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "Problems", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
            candidate = System.IO.Path.Combine(dir.FullName, "tests", "DlnLab.Tests", "Problems", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/DlnLab.Tests/Problems/Fixtures not found");
    }
}

/// <summary>A fresh temporary folder, deleted with its contents on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("dlnlab-problems-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        string path = Path(name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
