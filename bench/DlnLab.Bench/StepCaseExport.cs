using System.Globalization;
using DlnLab.Problems;

namespace DlnLab.Bench;

/// <summary>
/// Writes the problems of <see cref="StepCase.All"/> for the C yardstick (bench/c/yardstick.c) and `dln train --data`:
/// one folder per (n, d) with X.npy and y.npy, and cases.tsv listing each case as
/// "n d b gamma steps seed alpha folder" (the batch seed and alpha of <see cref="StepCase.Options"/>).
/// </summary>
public static class StepCaseExport
{
    public static void Export(string folder)
    {
        Directory.CreateDirectory(folder);
        var lines = new List<string>();
        foreach (var c in StepCase.All)
        {
            string name = $"problem-{c.N}-{c.D}";
            string dir = Path.Combine(folder, name);
            if (!File.Exists(Path.Combine(dir, "y.npy")))
            {
                Directory.CreateDirectory(dir);
                var problem = c.Problem();
                NpyWriter.Write(Path.Combine(dir, "X.npy"), problem.X);
                NpyWriter.Write(Path.Combine(dir, "y.npy"), problem.Y);
            }
            var options = c.Options();
            lines.Add(string.Join('\t', c.N, c.D, c.B, c.Gamma.ToString("R", CultureInfo.InvariantCulture), c.Steps,
                options.Seed, options.Alpha.ToString("R", CultureInfo.InvariantCulture), name));
        }
        File.WriteAllLines(Path.Combine(folder, "cases.tsv"), lines);
    }
}
