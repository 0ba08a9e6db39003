namespace DlnLab.Native.Tests;

/// <summary>The Python side, through the installed package: the pytest suite (python/tests) and the notebook.</summary>
[Collection(PythonCollection.Name)]
public sealed class PythonSuiteTests(PythonPackage package)
{
    [Fact]
    public void The_pytest_suite_passes_on_the_installed_package()
    {
        var result = ChildProcess.Run(package.Python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", Repository.PathOf("python", "tests")],
            package.WorkingDirectory, TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["DLN_CLI_DLL"] = Repository.CliDll });
        Assert.True(result.ExitCode == 0, $"pytest failed: {result}");
        Assert.Contains(" passed", result.Output);
        // Run against the installed package, not the source tree: the version test then checks the distribution.
        Assert.DoesNotContain(" skipped", result.Output);
    }

    [Fact]
    public void The_quickstart_notebook_executes_and_draws_fig1()
    {
        using var output = new TempFolder();
        var result = ChildProcess.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
                Repository.PathOf("examples", "quickstart.ipynb"), "--output-dir", output.Path, "--output", "executed.ipynb"],
            package.WorkingDirectory, TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["PYTHONPATH"] = package.SitePackages });
        Assert.True(result.ExitCode == 0, $"jupyter nbconvert --execute examples/quickstart.ipynb failed: {result}");
        string executed = File.ReadAllText(output.File("executed.ipynb"));
        Assert.Contains("\"image/png\"", executed);
        Assert.DoesNotContain("\"output_type\": \"error\"", executed);
    }
}
