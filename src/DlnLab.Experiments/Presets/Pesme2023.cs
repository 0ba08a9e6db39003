using System.Globalization;
using DlnLab.Experiments.Figures;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// `dln reproduce pesme2023`: saddle-to-saddle dynamics. GD at small alpha on the literature's fixture, its loss and
/// coordinates against rescaled time t / ln(1/alpha), overlaid with Algorithm 1's saddles and jump times, and findings
/// on whether the plateaus come in the predicted order and how far from the predicted times. It trains in
/// <see cref="Draw"/> (a few runs of a 2 x 4 problem), so it has no sweeps.
/// </summary>
internal sealed class Pesme2023 : IPreset
{
    /// <summary>The fixture: X = [[1, .5, .7, 0], [.5, 1, .1, .7]], y = (1, 0); minimum-l1 interpolator (0, 0, 10/7, -10/49).</summary>
    public static RegressionProblem Fixture { get; } = new() { X = new Matrix(2, 4, [1, .5, .7, 0, .5, 1, .1, .7]), Y = [1, 0] };

    /// <summary>
    /// The random problem <c>--full</c> adds: Gaussian inputs, n = 10, d = 20, beta* with 2 standard Gaussian nonzeros,
    /// no noise, seed 1 (Algorithm 1 visits three saddles after the start on it, one coordinate joining and leaving).
    /// Generated when first asked for, not when the preset list is built (generation checks the memory limit, and a
    /// bad limit must be refused as the command's error).
    /// </summary>
    public static RegressionProblem RandomProblem => LazyRandomProblem.Value;

    private static readonly Lazy<RegressionProblem> LazyRandomProblem =
        new(() => Dln.Generate(new SparseRegressionSpec { N = 10, D = 20, S = 2, NonzeroScale = 1, NTest = 10, Seed = 1 }));

    /// <summary>The alphas of the quick default.</summary>
    public static IReadOnlyList<double> QuickAlphas { get; } = [1e-10, 1e-30, 1e-100];

    /// <summary>The alphas of <c>--full</c>.</summary>
    public static IReadOnlyList<double> FullAlphas { get; } = [1e-10, 1e-30, 1e-100, 1e-300];

    /// <summary>GD's stepsize: quick, and <c>--full</c>.</summary>
    public const double QuickStepsize = 0.02, FullStepsize = 0.005;

    /// <summary>The runs go on to this multiple of the last predicted jump time.</summary>
    public const double Horizon = 1.25;

    /// <inheritdoc/>
    public string Name => "pesme2023";

    /// <inheritdoc/>
    public string Paper => "S. Pesme and N. Flammarion (2023), Saddle-to-saddle dynamics in diagonal linear networks";

    /// <inheritdoc/>
    public string PaperSetting =>
        "Gradient flow on beta = u ⊙ v from u = sqrt(2) alpha, v = 0 as alpha -> 0, with time measured in units of ln(1/alpha): " +
        "the loss plateaus at the saddles of their Algorithm 1 and jumps at its times. Here: full-batch GD with a small " +
        "stepsize on X = [[1, .5, .7, 0], [.5, 1, .1, .7]], y = (1, 0), whose minimum-l1 interpolator is (0, 0, 10/7, -10/49); " +
        $"--full: alpha in {{{Alphas(FullAlphas)}}}, stepsize {FullStepsize.ToString(CultureInfo.InvariantCulture)}, and a second figure " +
        "on a random Gaussian problem (n = 10, d = 20, 2-sparse beta*, seed 1).";

    /// <inheritdoc/>
    public IReadOnlyList<PresetSweep> Sweeps { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<string> QuickDifferences { get; } =
    [
        $"alpha in {{{Alphas(QuickAlphas)}}} (full: {{{Alphas(FullAlphas)}}})",
        string.Create(CultureInfo.InvariantCulture, $"stepsize {QuickStepsize} (full: {FullStepsize})"),
        "the fixture only (full: also a random problem, n = 10, d = 20, in pesme2023-fig2)",
    ];

    /// <inheritdoc/>
    public PresetPage Draw(PresetContext context)
    {
        bool full = context.Size == PresetSize.Full;
        var alphas = full ? FullAlphas : QuickAlphas;
        double gamma = full ? FullStepsize : QuickStepsize;
        (string Label, RegressionProblem Problem)[] problems = full ? [("the fixture", Fixture), ("the random problem", RandomProblem)] : [("the fixture", Fixture)];
        var figures = new List<PresetFigure>();
        var findings = new List<string>();
        foreach (var (k, (label, problem)) in problems.Index())
        {
            var (runs, saddles) = Compute(problem, alphas, gamma, context.Threads, context.Cancellation);
            var figure = SaddleToSaddleFigure.Figure($"{Name}-fig{k + 1}", saddles, runs);
            string caption = $"Training loss (top left) and the coordinates of beta (one panel per alpha; for d > 6 those nonzero at some saddle) " +
                $"of full-batch GD (stepsize {gamma.ToString(CultureInfo.InvariantCulture)}) on {label} (n = {problem.N}, d = {problem.D}) " +
                $"at alpha = {Alphas(alphas)}, against rescaled time t / ln(1/alpha) (t = steps x stepsize); steps: Algorithm 1's saddles' " +
                "losses and values; vertical lines: its jump times.";
            const string whatItShows = "Pesme and Flammarion's claim: as alpha falls the loss curves collapse onto the predicted staircase, each plateau at a saddle's loss, " +
                "each drop at a predicted jump time, coordinates switching on (and some off again) at the jumps.";
            figures.Add(new PresetFigure(figure, caption, whatItShows, []));
            findings.AddRange(Findings(saddles, runs, Dln.MinimumL1(problem).Beta).Select(f => $"On {label}: {f}"));
        }
        return new PresetPage(figures, findings);
    }

    /// <summary>Algorithm 1 on <paramref name="problem"/> and GD at each alpha, trained on up to <paramref name="threads"/> threads.</summary>
    internal static (IReadOnlyList<SaddleRun> Runs, SaddleSequence Saddles) Compute(RegressionProblem problem, IReadOnlyList<double> alphas,
        double gamma, int threads, CancellationToken cancellation)
    {
        var saddles = Dln.Saddles(problem);
        double horizon = Horizon * saddles.Saddles[^1].Time;
        var options = alphas.Select(a => SaddleRun.Options(problem, a, gamma, horizon)).ToList();
        var results = Dln.TrainMany(problem, options, threads, cancellation);
        return (alphas.Select((a, i) => new SaddleRun(a, gamma, results[i])).ToList(), saddles);
    }

    /// <summary>
    /// Per alpha: the plateaus' order and the largest gap to the predicted jump times; then the trend, and how far the
    /// smallest alpha's GD and Algorithm 1's last saddle are from <paramref name="minimumL1"/>.
    /// </summary>
    internal static IReadOnlyList<string> Findings(SaddleSequence saddles, IReadOnlyList<SaddleRun> runs, double[] minimumL1)
    {
        var findings = new List<string>();
        var predicted = saddles.JumpTimes;
        var gaps = new List<(double Alpha, double Gap)>();
        string Times(IEnumerable<double> times) => string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)));
        foreach (var run in runs)
        {
            var measured = run.HalfWayTimes(saddles);
            var plateaus = run.PlateauSaddles(saddles);
            bool inOrder = plateaus.SequenceEqual(Enumerable.Range(1, plateaus.Length)) && measured.All(double.IsFinite);
            double gap = measured.Zip(predicted, (m, p) => Math.Abs(m - p)).DefaultIfEmpty(double.NaN).Max();
            gaps.Add((run.Alpha, gap));
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"At alpha = {SaddleToSaddleFigure.Label(run.Alpha)} GD's loss passes half-way between consecutive predicted plateaus at t~ = {Times(measured)} " +
                $"(predicted jumps {Times(predicted)}); its plateaus {(inOrder ? "fall" : "do not fall")} in the predicted order, " +
                $"within {gap:G2} of the predicted times ({gap * Math.Log(1 / run.Alpha):G3} / ln(1/alpha))."));
        }
        // Compared down the alpha grid whatever the order of the runs.
        var byFallingAlpha = gaps.OrderByDescending(g => g.Alpha).Select(g => g.Gap).ToArray();
        bool shrinking = byFallingAlpha.Zip(byFallingAlpha.Skip(1), (a, b) => b < a).All(x => x);
        if (byFallingAlpha.Length < 2)
            findings.Add("With one alpha there is no trend of the gap to the predicted jump times to measure.");
        else
            findings.Add($"The largest gap to the predicted jump times {(shrinking ? "falls" : "does not fall")} at every step as alpha falls " +
            $"({string.Join(", ", byFallingAlpha.Select(g => g.ToString("G2", CultureInfo.InvariantCulture)))}), " +
            (shrinking ? "as the theory's O(1 / ln(1/alpha)) transitions predict." : "where the theory's O(1 / ln(1/alpha)) transitions predict it to."));
        var smallest = runs.MinBy(r => r.Alpha)!;
        double LargestGap(double[] a, double[] b) => MatrixOperations.MaxAbs(a.Zip(b, (p, q) => p - q).ToArray());
        var support = saddles.Saddles[^1].Support.Select(i => string.Create(CultureInfo.InvariantCulture, $"beta_{i} = {saddles.Limit[i]:G6}"));
        findings.Add(string.Create(CultureInfo.InvariantCulture,
            $"At alpha = {SaddleToSaddleFigure.Label(smallest.Alpha)} GD ends within {LargestGap(smallest.Result.Beta, saddles.Limit):G2} (largest coordinate) " +
            $"of Algorithm 1's last saddle ({string.Join(", ", support)}, the other coordinates 0), which is within " +
            $"{LargestGap(saddles.Limit, minimumL1):G2} of the minimum-l1 interpolator (simplex)."));
        return findings;
    }

    private static string Alphas(IEnumerable<double> alphas) => string.Join(", ", alphas.Select(SaddleToSaddleFigure.Label));
}
