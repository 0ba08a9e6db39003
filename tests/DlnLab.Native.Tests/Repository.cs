namespace DlnLab.Native.Tests;

/// <summary>Paths in the repository the tests run in, and the dln.dll built beside them.</summary>
internal static class Repository
{
    /// <summary>The folder holding DlnLab.slnx, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The CLI built with the tests (a project reference copies it here).</summary>
    public static string CliDll => System.IO.Path.Combine(AppContext.BaseDirectory, "dln.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DlnLab.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no DlnLab.slnx above {AppContext.BaseDirectory}");
    }
}
