using System.Diagnostics;

namespace DlnLab.Tests.Files;

public class FileKindTests
{
    [Fact]
    public void Tells_regular_files_folders_fifos_and_missing_paths_apart_without_opening_them()
    {
        var folder = Directory.CreateTempSubdirectory("dln-filekind-").FullName;
        try
        {
            string file = Path.Combine(folder, "f"), fifo = Path.Combine(folder, "p"), link = Path.Combine(folder, "l");
            File.WriteAllText(file, "x");
            Assert.Equal(FileType.Regular, FileKind.Of(file));
            Assert.Equal(FileType.Directory, FileKind.Of(folder));
            Assert.Equal(FileType.Missing, FileKind.Of(Path.Combine(folder, "none")));
            if (OperatingSystem.IsWindows()) return;
            using (var p = Process.Start("mkfifo", [fifo])) p.WaitForExit();
            Assert.Equal(FileType.Fifo, FileKind.Of(fifo));
            File.CreateSymbolicLink(link, fifo);
            Assert.Equal(FileType.Fifo, FileKind.Of(link)); // links are followed
            Assert.Equal(FileType.CharacterDevice, FileKind.Of("/dev/null"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
