using System.IO.Compression;
using System.Xml.Linq;

namespace DlnLab.Native.Tests.Distribution;

/// <summary>
/// The .NET packages: the dln tool installs from the locally packed nupkg and runs from PATH; the core and the
/// experiments libraries pack with their README, XML docs, the commit they were built from, and a symbols package.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public void The_dln_tool_installs_from_the_packed_nupkg_and_runs_from_path()
    {
        using var folder = new TempFolder();
        string feed = folder.File("feed"), tools = folder.File("tools");
        var pack = ChildProcess.Dotnet(["pack", "src/DlnLab.Cli", "-c", "Release", "-o", feed], Repository.Root, TimeSpan.FromMinutes(8));
        Assert.True(pack.ExitCode == 0, $"dotnet pack src/DlnLab.Cli failed: {pack}");
        var install = ChildProcess.Dotnet(["tool", "install", "--tool-path", tools, "--add-source", feed, "dln"], folder.Path, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, $"dotnet tool install dln failed: {install}");

        string path = tools + ":" + Environment.GetEnvironmentVariable("PATH");
        var version = ChildProcess.Run("/bin/sh", ["-c", "dln --version"], folder.Path, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["PATH"] = path });
        Assert.True(version.ExitCode == 0, $"dln --version failed: {version}");
        string expected = typeof(Dln).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(expected, version.Output.Trim());
        var train = ChildProcess.Run("/bin/sh", ["-c", "dln train --max-steps 100 --json"], folder.Path, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["PATH"] = path });
        Assert.True(train.ExitCode == 0, $"dln train failed: {train}");
        Assert.StartsWith("{\"status\":", train.Output);
    }

    [Theory]
    [InlineData("DlnLab", "src/DlnLab")]
    [InlineData("DlnLab.Experiments", "src/DlnLab.Experiments")]
    public void A_library_packs_with_readme_xml_docs_commit_and_symbols(string id, string project)
    {
        using var feed = new TempFolder();
        var pack = ChildProcess.Dotnet(["pack", project, "-c", "Release", "-o", feed.Path], Repository.Root, TimeSpan.FromMinutes(8));
        Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: {pack}");
        string version = typeof(Dln).Assembly.GetName().Version!.ToString(3);

        using (var package = ZipFile.OpenRead(feed.File($"{id}.{version}.nupkg")))
        {
            var names = package.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", names);
            Assert.Contains($"lib/net10.0/{id}.dll", names);
            Assert.Contains($"lib/net10.0/{id}.xml", names);
            using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().First(e => e.Name.LocalName == "metadata");
            Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
            using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
            Assert.StartsWith("# " + id, readme.ReadToEnd());
        }
        using var symbols = ZipFile.OpenRead(feed.File($"{id}.{version}.snupkg"));
        Assert.Contains(symbols.Entries, e => e.FullName == $"lib/net10.0/{id}.pdb");
    }
}
