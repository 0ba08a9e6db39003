using System.Diagnostics;
using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Export;

public class StoreExporterTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void ExportWritesOneCsvRowPerRunAndMatricesOfTheRightShape()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        SweepRunner.Run(TestSweeps.Small() with { Datasets = 1 }, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        var outDir = Path.Combine(dir, "export");
        var summary = StoreExporter.Export(store, outDir);
        Assert.Equal(6, summary.Runs);
        var lines = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("key,sweep,", lines[0]);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));

        var gain = File.ReadAllBytes(Path.Combine(outDir, "gain.npy"));
        Assert.Equal(0x93, gain[0]);
        int headerLength = gain[8] | gain[9] << 8;
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = System.Text.Encoding.ASCII.GetString(gain, 10, headerLength);
        Assert.Contains("'shape': (6, 30)", header);
        Assert.Equal(10 + headerLength + 6 * 30 * 8, gain.Length);
        var first = store.Runs()[0].Gain;
        Assert.Equal(first[0], BitConverter.ToDouble(gain, 10 + headerLength));
    }

    [Fact]
    public void NumpyLoadsTheExport()
    {
        if (!File.Exists(Python)) return; // the format itself is checked above; numpy is optional on a build machine
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        SweepRunner.Run(TestSweeps.Small() with { Datasets = 1 }, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        var outDir = Path.Combine(dir, "export");
        StoreExporter.Export(store, outDir);
        var runs = store.Runs();
        string script = $$"""
            import numpy as np, sys
            z = np.load(sys.argv[1] + '/runs.npz')
            g = np.load(sys.argv[1] + '/gain.npy')
            assert g.shape == (6, 30) and g.dtype == np.float64, g.shape
            assert np.array_equal(z['gain'], g, equal_nan=True)
            assert z['beta'].shape == (6, 30)
            assert z['n'].dtype == np.int64 and (z['n'] == 20).all()
            assert z['key'][0] == '{{runs[0].Key}}', z['key'][0]
            assert z['batch_seed'][0] == {{runs[0].BatchSeed}}
            assert z['stepsize'][0] == float.fromhex('{{Hex(runs[0].Stepsize)}}')
            assert g[0, 0] == float.fromhex('{{Hex(runs[0].Gain[0])}}')
            c = np.genfromtxt(sys.argv[1] + '/runs.csv', delimiter=',', names=True, dtype=None, encoding='utf-8')
            assert len(c) == 6 and (c['d'] == 30).all()
            print('ok')
            """;
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c"); start.ArgumentList.Add(script); start.ArgumentList.Add(outDir);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (error.Contains("No module named 'numpy'")) return;
        Assert.True(p.ExitCode == 0, error);
        Assert.Equal("ok", output.Trim());
    }

    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-x", "\"'-x\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("=\"a\",b", "\"'=\"\"a\"\",b\"")]
    [InlineData("Converged", "Converged")]
    [InlineData("a,b", "\"a,b\"")]
    public void FormulaLikeTextIsPrefixedAndQuoted(string text, string cell) => Assert.Equal(cell, StoreExporter.Cell(text));

    [Fact]
    public void NumbersAreWrittenAsNumbersEvenWhenNegative()
    {
        Assert.Equal("-1.5", StoreExporter.Cell(-1.5));
        Assert.Equal("-inf", StoreExporter.Cell(double.NegativeInfinity));
        Assert.Equal("-3", StoreExporter.Cell(-3L));
        Assert.Equal("-1", StoreExporter.Cell(ulong.MaxValue)); // a seed as the int64 of its bits
        Assert.Equal("10.0", StoreExporter.Cell(10.0)); // a float column stays one when all its numbers are whole
        Assert.Equal("1E-05", StoreExporter.Cell(1e-5));
        Assert.Equal("1", StoreExporter.Cell(true));
    }

    private static string Hex(double x) => HexFloat(x);

    // Python's float.fromhex format, so numbers cross to Python bit for bit.
    private static string HexFloat(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0 && mantissa == 0) return negative ? "-0x0p+0" : "0x0p+0";
        string lead = exponent == 0 ? "0" : "1";
        int e = exponent == 0 ? -1022 : exponent - 1023;
        return $"{(negative ? "-" : "")}0x{lead}.{mantissa:x13}p{(e >= 0 ? "+" : "")}{e}";
    }
}
