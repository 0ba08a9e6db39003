using BenchmarkDotNet.Attributes;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Bench;

/// <summary>
/// The interpolators of `dln solve`, the theory checks and the findings: minimum l1 norm (simplex with a dual certificate), the gradient-flow
/// interpolator at alpha = 0.1 (dual Newton on the hyperbolic entropy) and minimum l2 norm, on the figure-sized problem
/// (20, 30, s = 3) and on (200, 1000, s = 20).
/// </summary>
public class TheoryBenchmarks
{
    private RegressionProblem _problem = null!;
    private double[] _alpha = null!;

    [Params("(20, 30, 3)", "(200, 1000, 20)")]
    public string Problem { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (n, d, s) = Problem == "(20, 30, 3)" ? (20, 30, 3) : (200, 1000, 20);
        _problem = SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = s, NTest = 1, Seed = 3 });
        _alpha = Enumerable.Repeat(0.1, d).ToArray();
    }

    [Benchmark]
    public double MinimumL1() => Interpolators.MinimumL1(_problem.X, _problem.Y).L1Norm;

    [Benchmark]
    public double GradientFlowInterpolator() => Interpolators.GradientFlow(_problem.X, _problem.Y, _alpha).Beta[0];

    [Benchmark]
    public double MinimumL2() => Interpolators.MinimumL2(_problem.X, _problem.Y)[0];
}
