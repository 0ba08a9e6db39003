namespace DlnLab.Native.Tests.Distribution;

/// <summary>
/// The C# file-based scripts in examples/ run with a plain `dotnet run FILE.cs` from the repository root (their
/// directives make them Release builds without the NativeAOT packages; the libraries use no reflection-based JSON,
/// which scripts disable).
/// </summary>
public sealed class ExampleScriptTests
{
    public static TheoryData<string> Scripts => new(Directory.GetFiles(Repository.PathOf("examples"), "*.cs").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Example_script_runs_with_dotnet_run(string script)
    {
        string source = File.ReadAllText(Repository.PathOf("examples", script));
        Assert.Contains("#:property Configuration=Release", source);
        Assert.Contains("#:property PublishAot=false", source);
        using var store = new TempFolder();
        // sweep.cs takes the store to write as its argument (a fresh one here, so every run is computed).
        string[] arguments = script == "sweep.cs" ? ["run", "examples/" + script, store.File("sweep.db")] : ["run", "examples/" + script];
        var result = ChildProcess.Dotnet(arguments, Repository.Root, TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0, $"dotnet run examples/{script} failed: {result}");
        Assert.DoesNotContain("Reflection-based serialization", result.Output + result.Error);
        Assert.Contains(script == "sweep.cs" ? "24 runs: 24 computed now" : "Theorem 2.2 residual", result.Output);
    }
}
