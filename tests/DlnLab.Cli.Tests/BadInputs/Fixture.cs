using System.Diagnostics;
using System.Text;
using DlnLab.Problems;

namespace DlnLab.Cli.Tests.BadInputs;

/// <summary>
/// The working folder of one bad-input case and helpers that fill it: regular files, .npy and .npz files, specs, and
/// the case's own FIFOs and device nodes (made with mkfifo and mknod here, never the system's).
/// </summary>
public sealed class Fixture(string folder)
{
    public string Folder { get; } = folder;

    public string P(string name) => Path.Combine(Folder, name);

    public Fixture Text(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(name))!);
        File.WriteAllText(P(name), text);
        return this;
    }

    public Fixture Bytes(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(name))!);
        File.WriteAllBytes(P(name), bytes);
        return this;
    }

    public Fixture Folder_(string name)
    {
        Directory.CreateDirectory(P(name));
        return this;
    }

    public Fixture Fifo(string name) => Tool("mkfifo", P(name));

    /// <summary>A character device node with the numbers of /dev/null (1, 3): reading it gives nothing, writing it discards.</summary>
    public Fixture NullDevice(string name) => Tool("mknod", P(name), "c", "1", "3");

    /// <summary>A character device node with the numbers of /dev/zero (1, 5): reading it never ends.</summary>
    public Fixture ZeroDevice(string name) => Tool("mknod", P(name), "c", "1", "5");

    public Fixture Symlink(string name, string target)
    {
        File.CreateSymbolicLink(P(name), target);
        return this;
    }

    /// <summary>A .npy file of doubles with the given header shape and <paramref name="entries"/> entries of data after it.</summary>
    public Fixture Npy(string name, string shape, int entries, string descr = "<f8")
    {
        Bytes(name, NpyBytes(shape, entries, descr));
        return this;
    }

    /// <summary>The bytes of a .npy (version 1.0) whose header says <paramref name="shape"/>, followed by <paramref name="entries"/> ones.</summary>
    public static byte[] NpyBytes(string shape, int entries, string descr = "<f8")
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        for (int i = 0; i < entries; i++) bytes.AddRange(BitConverter.GetBytes(1.0));
        return bytes.ToArray();
    }

    /// <summary>An .npz holding the given .npy entries, deflated.</summary>
    public Fixture Npz(string name, params (string Entry, byte[] Npy)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (entry, npy) in entries)
            {
                using var s = zip.CreateEntry(entry + ".npy", System.IO.Compression.CompressionLevel.Fastest).Open();
                s.Write(npy);
            }
        return Bytes(name, stream.ToArray());
    }

    /// <summary>A small valid problem: X (n x d) and y, as .npy files.</summary>
    public Fixture Problem(string xName = "X.npy", string yName = "y.npy", int n = 4, int d = 6)
    {
        NpyWriter.Write(P(xName), Enumerable.Range(0, n * d).Select(i => Math.Sin(i + 1.0)).ToArray(), n, d);
        NpyWriter.Write(P(yName), Enumerable.Range(0, n).Select(i => i + 1.0).ToArray());
        return this;
    }

    private Fixture Tool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {p.StandardError.ReadToEnd()}");
        return this;
    }
}
