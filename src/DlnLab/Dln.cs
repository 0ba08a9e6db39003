using System.Runtime.ExceptionServices;
using DlnLab.Analysis;
using DlnLab.Backends;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab;

/// <summary>
/// Where a script starts: make or load a problem, train one run or many, solve for the interpolators the theory
/// predicts, and compare a run with them. Every type a script needs is reached from here: problems
/// (<see cref="SparseRegressionSpec"/>, <see cref="RegressionProblem"/>), runs (<see cref="TrainingOptions"/> with
/// its <see cref="Models.ModelSpec"/>, <see cref="StepsizeSchedule"/>, <see cref="RunResult"/>), backends
/// (<see cref="Backends"/>) and the theory (<see cref="InterpolatorSolution"/>, <see cref="MinimumL1Solution"/>,
/// <see cref="TheoryCheck"/>). Bad input throws <see cref="InvalidInputException"/> before anything runs.
/// </summary>
/// <example>
/// <code>
/// var problem = Dln.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, Seed = 1 });
/// var options = new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.Constant(0.01) };
/// var sgd = Dln.Train(problem, options);
/// var sweep = Dln.TrainMany(problem, new[] { 0.005, 0.01, 0.02 }.Select(g =>
///     new TrainingOptions { BatchSize = problem.N, Stepsize = StepsizeSchedule.Constant(g) }).ToList());
/// var check = Dln.Check(problem, sgd, options);
/// Console.WriteLine($"{sgd.Status} after {sgd.Steps} steps; Theorem 2.2 residual {check.Theorem22Residual}");
/// </code>
/// </example>
public static class Dln
{
    /// <summary>
    /// The step backends in preference order (the vectorised one, then the textbook reference that runs every model);
    /// pass one to <see cref="Train"/> to choose it.
    /// </summary>
    public static IReadOnlyList<IStepBackend> Backends => StepBackends.All;

    /// <summary>A Gaussian sparse-regression problem, a pure function of <paramref name="spec"/> (the report's by default).</summary>
    public static RegressionProblem Generate(SparseRegressionSpec? spec = null) => SparseRegression.Generate(spec ?? new SparseRegressionSpec());

    /// <summary>
    /// A problem from disk: a folder of X/y (.npy or .csv, optionally beta_star, X_test, y_test), an .npz archive, or a
    /// list <c>X=path,y=path[,...]</c>, as <c>dln --data</c> takes it (<see cref="ProblemLoader.FromDataArgument"/>).
    /// </summary>
    public static RegressionProblem Load(string data) => ProblemLoader.FromDataArgument(data);

    /// <summary>A problem from the named array files (each .npy or .csv).</summary>
    public static RegressionProblem Load(ProblemFiles files) => ProblemLoader.Load(files);

    /// <summary>
    /// One (S)GD run of <paramref name="options"/> (model, u0, v0, alpha, batch size, stepsizes, stop rules, batch seed)
    /// on <paramref name="problem"/>, on <paramref name="backend"/> (one of <see cref="Backends"/>) or the preferred one.
    /// A cancelled token stops the run within a few thousand steps with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static RunResult Train(RegressionProblem problem, TrainingOptions options, IStepBackend? backend = null,
        CancellationToken cancellation = default)
    {
        if (backend is null) return Trainer.Train(problem, options, cancellation);
        problem.Validated();
        options.Validated(problem.N, problem.D);
        return Trainer.Train(new PaddedDesign(problem.X, problem.Y), problem, options, backend, cancellation);
    }

    /// <summary>
    /// Trains every run of <paramref name="runs"/> on <paramref name="problem"/> in parallel on up to
    /// <paramref name="threads"/> threads (0: one per core). Results come in the order of <paramref name="runs"/>, each
    /// the same bits as <see cref="Train"/> gives it alone, whatever the thread count. Every run is validated before
    /// any starts.
    /// </summary>
    public static RunResult[] TrainMany(RegressionProblem problem, IReadOnlyList<TrainingOptions> runs, int threads = 0,
        CancellationToken cancellation = default)
    {
        problem.Validated();
        return TrainMany(runs.Select(options => (problem, options)).ToArray(), threads, cancellation);
    }

    /// <summary>
    /// Trains every (problem, options) pair of <paramref name="runs"/> in parallel on up to <paramref name="threads"/>
    /// threads (0: one per core), the runs of several problems sharing the cores (a sweep over datasets). Results come
    /// in the order of <paramref name="runs"/>, each the same bits as <see cref="Train"/> gives it alone, whatever the
    /// thread count. Every problem and run is validated before any starts.
    /// </summary>
    public static RunResult[] TrainMany(IReadOnlyList<(RegressionProblem Problem, TrainingOptions Options)> runs, int threads = 0,
        CancellationToken cancellation = default)
    {
        DlnLab.Check.InRange("threads", threads, 0, 4096);
        // One padded design per distinct problem (by reference), made once.
        var designs = new Dictionary<RegressionProblem, PaddedDesign>(ReferenceEqualityComparer.Instance);
        foreach (var (problem, options) in runs)
        {
            if (!designs.ContainsKey(problem)) designs[problem] = new PaddedDesign(problem.Validated().X, problem.Y);
            options.Validated(problem.N, problem.D);
        }
        var results = new RunResult[runs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        try
        {
            Parallel.For(0, runs.Count, parallel, i => results[i] = Trainer.Train(designs[runs[i].Problem], runs[i].Problem, runs[i].Options, cancellation));
        }
        catch (AggregateException e)
        {
            cancellation.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return results;
    }

    /// <summary>
    /// <paramref name="count"/> runs of <paramref name="options"/> with the batch seeds <paramref name="firstSeed"/>,
    /// <paramref name="firstSeed"/> + 1, ...: the same as <see cref="TrainMany(RegressionProblem, IReadOnlyList{TrainingOptions}, int, CancellationToken)"/>
    /// on those options (results in seed order).
    /// </summary>
    public static RunResult[] TrainMany(RegressionProblem problem, TrainingOptions options, ulong firstSeed, int count,
        int threads = 0, CancellationToken cancellation = default)
    {
        if (count < 0) throw new InvalidInputException("count", count, "must be an integer >= 0");
        if (count > 0 && firstSeed > ulong.MaxValue - (ulong)(count - 1))
            throw new InvalidInputException("seed", firstSeed, $"the last of {count} seeds must be at most {ulong.MaxValue}");
        var runs = Enumerable.Range(0, count).Select(i => options with { Seed = firstSeed + (ulong)i }).ToArray();
        return TrainMany(problem, runs, threads, cancellation);
    }

    /// <summary>
    /// The interpolator gradient flow converges to from the start of <paramref name="start"/> (its model, alpha, u0,
    /// v0; the report's uv start with alpha = 0.1 by default): argmin psi_alpha (Theorem 2.1), argmin D_{psi_A}(beta,
    /// u0 ⊙ v0) from a general (u0, v0), or argmin Q_D for power:D. Throws <see cref="SolverException"/> when the
    /// dual Newton solver does not reach its tolerance (<see cref="TryGradientFlow"/> returns false instead).
    /// </summary>
    public static InterpolatorSolution GradientFlow(RegressionProblem problem, TrainingOptions? start = null) =>
        TryGradientFlow(problem, start, out var solution) ? solution
            : throw new SolverException($"the gradient-flow interpolator did not converge: {solution.Iterations} iterations, relative residual {solution.RelativeResidual:G3}");

    /// <summary>As <see cref="GradientFlow"/>; false (with the best iterate) when the solver does not converge.</summary>
    public static bool TryGradientFlow(RegressionProblem problem, TrainingOptions? start, out InterpolatorSolution solution)
    {
        problem.Validated();
        var options = (start ?? new TrainingOptions()).Validated(problem.N, problem.D);
        int d = problem.D;
        return ModelInterpolators.TryGradientFlow(problem.X, problem.Y, options.Model, options.AlphaFor(d), options.U0?.For(d),
            options.V0?.For(d), out solution);
    }

    /// <summary>
    /// Algorithm 1 of Pesme and Flammarion (2023): the saddles gradient flow from the report's start visits as alpha -> 0
    /// and the jump times between them, in rescaled time t / ln(1/alpha) (<see cref="SaddleToSaddle"/>).
    /// </summary>
    public static SaddleSequence Saddles(RegressionProblem problem) => SaddleToSaddle.Compute(problem.Validated().X, problem.Y);

    /// <summary>The minimum-l1-norm interpolator argmin {||beta||_1 : X beta = y} (basis pursuit, with its dual certificate).</summary>
    public static MinimumL1Solution MinimumL1(RegressionProblem problem) => Interpolators.MinimumL1(problem.Validated().X, problem.Y);

    /// <summary>The minimum-l2-norm interpolator X^T (X X^T)^{-1} y (X of full row rank).</summary>
    public static double[] MinimumL2(RegressionProblem problem) => Interpolators.MinimumL2(problem.Validated().X, problem.Y);

    /// <summary>
    /// A finished run, trained with <paramref name="options"/> (its model and start), against the theory: Theorem 2.2's
    /// interpolator from the run's own gains and the run's distance to it (uv runs), the model's gradient-flow
    /// interpolator and the distance to it, the sharpness and the GD stability threshold.
    /// </summary>
    public static TheoryCheck Check(RegressionProblem problem, RunResult run, TrainingOptions options) =>
        TheoryCheck.Of(problem.Validated(), run, options);
}
