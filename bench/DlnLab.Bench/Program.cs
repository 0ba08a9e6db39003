using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DlnLab.Bench;

/// <summary>
/// Runs the suite in process with BenchmarkDotNet's short job and writes every mean (with its statistics) to a JSON
/// file that bench/report.py turns into docs/PERFORMANCE.md. Usage: DlnLab.Bench [--out FILE] [--medium] [CLASS...], DlnLab.Bench --export-grid FILE (the grid for the numpy yardstick), DlnLab.Bench --export-cases FOLDER (the step cases' problems for the C yardstick), DlnLab.Bench --export-reproduce RUNS.db FILE (the runs of a `dln reproduce` for the yardstick, with its bisection trials), or DlnLab.Bench --export-store RUNS.db FILE (the trained runs of any store, without them).
/// </summary>
public static class Program
{
    private static readonly Type[] Suites =
        [typeof(MachineProbes), typeof(StepBenchmarks), typeof(LockstepBenchmarks), typeof(SweepScalingBenchmarks), typeof(ReproduceGridBenchmarks), typeof(TheoryBenchmarks)];

    public static int Main(string[] args)
    {
        string output = "bench-results.json";
        bool medium = false;
        var chosen = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out") output = args[++i];
            else if (args[i] == "--medium") medium = true;
            else if (args[i] == "--time-case")
            {
                // A quick look without BenchmarkDotNet's statistics, for tuning and for alternating with the C
                // yardstick: whole runs after 2 s of them (the JIT's tiers done, as the C side has one warm-up run),
                // then, as the yardstick times them, at least 3 runs and 1 s; the best run and the mean.
                var c = StepCase.All[int.Parse(args[++i], CultureInfo.InvariantCulture)];
                var problem = c.Problem();
                var design = new DlnLab.Training.PaddedDesign(problem.X, problem.Y);
                var warm = System.Diagnostics.Stopwatch.StartNew();
                while (warm.Elapsed.TotalSeconds < 2) DlnLab.Training.Trainer.Train(design, problem, c.Options());
                double best = double.MaxValue, total = 0;
                int runs = 0;
                while (runs < 3 || total < 1)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    DlnLab.Training.Trainer.Train(design, problem, c.Options());
                    double seconds = watch.Elapsed.TotalSeconds;
                    best = Math.Min(best, seconds);
                    total += seconds;
                    runs++;
                }
                Console.WriteLine($"{c}: best {c.Steps / best:F0} steps/s, mean {c.Steps * runs / total:F0} steps/s ({runs} runs), best {c.BytesPerStep * c.Steps / best / 1e9:F2} GB/s of X");
                var beta = new double[design.Stride];
                var grad = new double[design.Stride];
                var all = Enumerable.Range(0, c.N).ToArray();
                double lossBest = double.MaxValue, gradBest = double.MaxValue;
                for (int rep = 0; rep < 5; rep++)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    design.Loss(beta);
                    lossBest = Math.Min(lossBest, watch.Elapsed.TotalSeconds);
                    watch.Restart();
                    DlnLab.Training.Kernels.BatchGradientSum(design, all, beta, grad);
                    gradBest = Math.Min(gradBest, watch.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"dots only: {8.0 * c.N * c.D / lossBest / 1e9:F2} GB/s; gradient sum: {8.0 * c.N * c.D / gradBest / 1e9:F2} GB/s");
                return 0;
            }
            else if (args[i] == "--export-cases") { StepCaseExport.Export(args[++i]); return 0; }
            else if (args[i] == "--export-grid") { ReproduceGrid.Export(args[++i]); return 0; }
            else if (args[i] == "--export-reproduce") { ReproduceRuns.Export(args[i + 1], args[i + 2]); return 0; }
            else if (args[i] == "--export-store") { ReproduceRuns.Export(args[i + 1], args[i + 2], thresholdTrials: false); return 0; }
            else chosen.Add(args[i]);
        }
        var job = (medium ? Job.MediumRun : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).WithOptions(ConfigOptions.DisableLogFile);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var suite in Suites.Where(t => chosen.Count == 0 || chosen.Contains(t.Name)))
        {
            var summary = BenchmarkRunner.Run(suite, config);
            foreach (var report in summary.Reports) rows.Add(Row(report));
        }
        var document = new Dictionary<string, object?>
        {
            ["vector512Accelerated"] = Vector512.IsHardwareAccelerated,
            ["processorCount"] = Environment.ProcessorCount,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ["results"] = rows,
        };
        AtomicFile.WriteAllText(output, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"wrote {rows.Count} results to {output}");
        return 0;
    }

    private static Dictionary<string, object?> Row(BenchmarkReport report)
    {
        var stats = report.ResultStatistics;
        var parameters = report.BenchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => p.Value?.ToString());
        return new Dictionary<string, object?>
        {
            ["suite"] = report.BenchmarkCase.Descriptor.Type.Name,
            ["method"] = report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            ["parameters"] = parameters,
            ["units"] = Units(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, parameters),
            ["meanNs"] = stats?.Mean,
            ["stdDevNs"] = stats?.StandardDeviation,
            ["medianNs"] = stats?.Median,
            ["n"] = stats?.N,
        };
    }

    /// <summary>What one invocation does, so that a rate (per second) can be read off its mean time.</summary>
    private static Dictionary<string, double>? Units(string method, Dictionary<string, string?> parameters)
    {
        switch (method)
        {
            case nameof(MachineProbes.Read): return new() { ["bytes"] = MachineProbes.ReadBytes };
            case nameof(MachineProbes.Triad): return new() { ["bytes"] = MachineProbes.TriadBytes };
            case nameof(MachineProbes.PeakFma): return new() { ["flops"] = MachineProbes.PeakFlops };
            case nameof(MachineProbes.Store512): return new() { ["stores"] = MachineProbes.Stores };
        }
        if (method is nameof(LockstepBenchmarks.SingleRuns) or nameof(LockstepBenchmarks.Lockstep))
            return new() { ["steps"] = LockstepBenchmarks.Steps * double.Parse(parameters["Runs"]!, CultureInfo.InvariantCulture) };
        if (method is nameof(LockstepBenchmarks.SgdSingleRuns) or nameof(LockstepBenchmarks.SgdLockstep))
            return new() { ["steps"] = LockstepBenchmarks.SgdSteps * double.Parse(parameters["Runs"]!, CultureInfo.InvariantCulture) };
        if (parameters.TryGetValue("Case", out var name))
        {
            var c = StepCase.All.First(s => s.Name == name);
            return new() { ["steps"] = c.Steps, ["flops"] = c.FlopsPerStep * c.Steps, ["bytes"] = c.BytesPerStep * c.Steps };
        }
        return null;
    }
}
