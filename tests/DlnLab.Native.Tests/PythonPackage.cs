namespace DlnLab.Native.Tests;

/// <summary>
/// The README's "From Python" steps, once for all the tests of <see cref="PythonCollection"/>: publish the native
/// library into python/dlnlab/_lib (dotnet publish src/DlnLab.Native -c Release -r linux-x64), make a virtual
/// environment that sees Debian's numpy, and pip install ./python into it with no index (offline).
/// </summary>
public sealed class PythonPackage : IDisposable
{
    private readonly TempFolder folder = new();

    /// <summary>The virtual environment's python.</summary>
    public string Python { get; }

    /// <summary>Where the package was installed (for PYTHONPATH of processes that do not run the venv's python).</summary>
    public string SitePackages { get; }

    /// <summary>A folder to run Python in, away from python/ (so the installed package is the one imported).</summary>
    public string WorkingDirectory => folder.Path;

    public PythonPackage()
    {
        var publish = ChildProcess.Dotnet(["publish", "src/DlnLab.Native", "-c", "Release", "-r", "linux-x64"], Repository.Root, TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, $"dotnet publish src/DlnLab.Native failed: {publish}");
        Assert.True(File.Exists(Repository.PathOf("python", "dlnlab", "_lib", "libdlnlab.so")), "the publish placed no libdlnlab.so in the package");

        string venv = folder.File("venv");
        var created = ChildProcess.Run("/usr/bin/python3", ["-m", "venv", "--system-site-packages", venv], folder.Path, TimeSpan.FromMinutes(2));
        Assert.True(created.ExitCode == 0, $"python3 -m venv failed (is python3-venv installed?): {created}");
        Python = System.IO.Path.Combine(venv, "bin", "python");
        var installed = ChildProcess.Run(Python, ["-m", "pip", "install", "--no-index", "--disable-pip-version-check", Repository.PathOf("python")],
            folder.Path, TimeSpan.FromMinutes(5));
        Assert.True(installed.ExitCode == 0, $"pip install ./python failed: {installed}");
        var site = ChildProcess.Run(Python, ["-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])"], folder.Path, TimeSpan.FromMinutes(1));
        SitePackages = site.Output.Trim();
    }

    public void Dispose() => folder.Dispose();
}

/// <summary>The tests that use the installed package, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PythonCollection : ICollectionFixture<PythonPackage>
{
    public const string Name = "python package";
}
