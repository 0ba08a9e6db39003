using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests;

/// <summary>
/// Entry point used only as a child process (<see cref="TestSweeps.StartChildSweep"/>): "sweep SPEC STORE SLEEP_MS"
/// runs the sweep on one thread, printing "stored KEY" after each committed run and then sleeping, so the parent can
/// kill it midway. The test host never calls it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "sweep") return 64;
        var spec = SweepSpecToml.Load(args[1]);
        int sleep = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        using var store = ResultStore.Open(args[2]);
        var summary = SweepRunner.Run(spec, store, new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 1,
            RunStored = e =>
            {
                Console.Out.WriteLine("stored " + e.Run.Key);
                Console.Out.Flush();
                Thread.Sleep(sleep);
            },
        });
        Console.Out.WriteLine($"done {summary.Computed}");
        return 0;
    }
}
