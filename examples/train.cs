#:project ../src/DlnLab/DlnLab.csproj
#:property PublishAot=false
#:property Configuration=Release

// GD and SGD on the report's sparse-regression problem, a parallel stepsize sweep, and the theory check, through the
// Dln facade alone. Run from the repository root: dotnet run examples/train.cs
using System.Globalization;
using DlnLab;
using DlnLab.Problems;
using DlnLab.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var problem = Dln.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, Seed = 1 });
TrainingOptions Run(int batchSize, double gamma) => new()
{
    BatchSize = batchSize, Stepsize = StepsizeSchedule.Constant(gamma), Alpha = 0.1, Tolerance = 1e-10, MaxSteps = 1_000_000,
};

var gd = Dln.Train(problem, Run(problem.N, 0.02));
var sgd = Dln.Train(problem, Run(1, 0.02));
double[] gammas = [0.005, 0.01, 0.02, 0.04, 0.06];
var sweep = Dln.TrainMany(problem, gammas.Select(g => Run(1, g)).ToList());

Console.WriteLine($"{"run",-12} {"status",-16} {"steps",8} {"test loss",11} {"||Gain||_1",11}");
void Row(string name, RunResult r) =>
    Console.WriteLine($"{name,-12} {r.Status,-16} {r.Steps,8} {r.TestLoss,11:G4} {r.GainL1,11:G4}");
Row("GD 0.02", gd);
Row("SGD 0.02", sgd);
for (int i = 0; i < gammas.Length; i++) Row($"SGD {gammas[i]}", sweep[i]);

var check = Dln.Check(problem, sgd, Run(1, 0.02));
var l1 = Dln.MinimumL1(problem);
Console.WriteLine();
Console.WriteLine($"SGD 0.02 against the theory: Theorem 2.2 residual {check.Theorem22Residual:G3}, " +
    $"distance to the gradient-flow interpolator {check.DistanceToGradientFlow:G3}, GD stability threshold {check.GdStabilityThreshold:G4}");
Console.WriteLine($"||beta||_1: SGD {sgd.Beta.Sum(Math.Abs):G6}, GD {gd.Beta.Sum(Math.Abs):G6}, " +
    $"gradient flow {Dln.GradientFlow(problem).Beta.Sum(Math.Abs):G6}, minimum l1 {l1.Beta.Sum(Math.Abs):G6}");
