#:project ../src/DlnLab.Experiments/DlnLab.Experiments.csproj
#:property PublishAot=false
#:property Configuration=Release

// A stepsize sweep over three datasets through the experiments library: the grid is a SweepSpec (what dln sweep
// reads from TOML or flags), every run is stored in a SQLite file as it ends (running the script again computes
// nothing), and the stored runs are read back into a table. Run from the repository root: dotnet run examples/sweep.cs [STORE.db]
using System.Globalization;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "dlnlab-example-sweep.db");
var spec = new SweepSpec
{
    Name = "stepsizes", Datasets = 3, BatchSize = [1, 0], // 0: full batch (GD), as "n" in a TOML spec
    Stepsize = StepsizeAxis.Log(1e-3, 4e-2, 4), Tolerance = 1e-8, MaxSteps = 200_000,
};
using var store = ResultStore.Open(path);
var summary = SweepRunner.Run(spec, store, TheoryChecks.With(new SweepRunnerOptions()));
Console.WriteLine($"{summary.Runs} runs: {summary.Computed} computed now, {summary.AlreadyStored} already in {path}");

Console.WriteLine($"{"b",3} {"stepsize",9} {"median test loss",17} {"median ||Gain||_1",18}");
foreach (var group in store.Runs(spec.Name).GroupBy(r => (r.BatchSize, r.Stepsize)).OrderBy(g => g.Key))
{
    double Median(IEnumerable<double> values) { var v = values.Order().ToArray(); return v[v.Length / 2]; }
    Console.WriteLine($"{group.Key.BatchSize,3} {group.Key.Stepsize,9:G3} {Median(group.Select(r => r.TestLoss ?? double.NaN)),17:G4} {Median(group.Select(r => r.GainL1)),18:G4}");
}
