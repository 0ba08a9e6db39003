using System.Runtime.InteropServices;
using DlnLab.Analysis;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Native;

/// <summary>
/// The interpolators (<see cref="Dln.GradientFlow"/>, <see cref="Dln.MinimumL1"/>, <see cref="Dln.MinimumL2"/>) and the
/// theory check of a finished run (<see cref="Dln.Check"/>), into the caller's buffers.
/// </summary>
internal static unsafe class SolverExports
{
    /// <summary>
    /// dln_gradient_flow(problem, options, beta, stats): the interpolator gradient flow converges to from the start of
    /// the option lines (model, alpha, u0, v0; as dln_train reads them) into beta (d); stats[0..1] = the dual Newton
    /// iterations and the relative residual. Code 3 when the solver does not reach its tolerance.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_gradient_flow")]
    public static int GradientFlow(nint problem, byte* options, double* beta, double* stats) => NativeErrors.Guard(() =>
    {
        var p = NativeHandles.Get<NativeProblem>(problem, "problem").Problem;
        var start = TrainExports.TrainingOptionsOf(NativeText.Read(options), p.N, p.D);
        var solution = Dln.GradientFlow(p, start);
        Out(solution.Beta, beta, "beta");
        Out([solution.Iterations, solution.RelativeResidual], stats, "stats");
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_minimum_l1(problem, beta, certificate, stats): argmin {||beta||_1 : X beta = y} into beta (d), its dual
    /// certificate into certificate (n; null skips it), stats[0..5] = ||beta||_1, duality gap, dual infeasibility,
    /// relative residual, simplex iterations, converged (0/1).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_minimum_l1")]
    public static int MinimumL1(nint problem, double* beta, double* certificate, double* stats) => NativeErrors.Guard(() =>
    {
        var solution = Dln.MinimumL1(NativeHandles.Get<NativeProblem>(problem, "problem").Problem);
        Out(solution.Beta, beta, "beta");
        if (certificate is not null) solution.DualCertificate.CopyTo(new Span<double>(certificate, solution.DualCertificate.Length));
        Out([solution.L1Norm, solution.DualityGap, solution.DualInfeasibility, solution.RelativeResidual, solution.Iterations, solution.Converged ? 1 : 0], stats, "stats");
        return NativeErrors.Ok;
    });

    /// <summary>dln_minimum_l2(problem, beta): the minimum-l2-norm interpolator X^T (X X^T)^{-1} y into beta (d).</summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_minimum_l2")]
    public static int MinimumL2(nint problem, double* beta) => NativeErrors.Guard(() =>
    {
        Out(Dln.MinimumL2(NativeHandles.Get<NativeProblem>(problem, "problem").Problem), beta, "beta");
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_check(problem, options, status, beta, gain, ln_alpha_inf_squared, delta, beta_tilde0, alpha, reals, theorem22_beta,
    /// gradient_flow_beta, present): a finished run given by its arrays (each d; the four implicit-bias ones null for a
    /// power:D run) and the option lines it was trained with, against the theory, as <c>dln train</c> reports it:
    /// reals[0..5] = Theorem 2.2 residual, distance to the gradient-flow interpolator, sharpness, GD stability threshold,
    /// distance to argmin psi_{alpha_inf} without beta0~, cosine of the gain with its predicted shape (NaN where null),
    /// the two interpolators into their buffers (d), and *present the mask of what is not null (bits 0-5 the scalars,
    /// 6 theorem22_beta, 7 gradient_flow_beta).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_check")]
    public static int CheckRun(nint problem, byte* options, int status, double* beta, double* gain, double* lnAlphaInfSquared,
        double* delta, double* betaTilde0, double* alpha, double* reals, double* theorem22Beta, double* gradientFlowBeta, long* present) =>
        NativeErrors.Guard(() =>
    {
        var p = NativeHandles.Get<NativeProblem>(problem, "problem").Problem;
        var trained = TrainExports.TrainingOptionsOf(NativeText.Read(options), p.N, p.D);
        if (!Enum.IsDefined((RunStatus)status)) throw new InvalidInputException("status", status, "must be 0 (converged), 1 (budget), 2 (diverged) or 3 (oscillating)");
        int d = p.D;
        bool uv = gain is not null && lnAlphaInfSquared is not null && delta is not null && betaTilde0 is not null;
        var run = new RunResult
        {
            Status = (RunStatus)status, Steps = 0, Beta = In(beta, d, "beta"), TrainLoss = double.NaN, Bounced = false, MaxLossRise = double.NaN,
            SingularSteps = 0, MaxStepGradient = double.NaN, Alpha = In(alpha, d, "alpha"), Trajectory = [],
            // The check reads ln(alpha_inf^2), delta and beta0~ (and the gain); ln(alpha_+-^2) are not carried across the ABI.
            Implicit = uv ? new EffectiveInitialization
            {
                Gain = In(gain, d, "gain"), LnAlphaInfSquared = In(lnAlphaInfSquared, d, "ln_alpha_inf_squared"), Delta = In(delta, d, "delta"),
                BetaTilde0 = In(betaTilde0, d, "beta_tilde0"), LnAlphaPlusSquared = Nan(d), LnAlphaMinusSquared = Nan(d),
            } : null,
        };
        var check = Dln.Check(p, run, trained);
        double?[] scalars = [check.Theorem22Residual, check.DistanceToGradientFlow, check.Sharpness, check.GdStabilityThreshold,
            check.Predictions.DistanceWithoutPerturbation, check.Predictions.GainShapeCosine];
        long mask = 0;
        for (int i = 0; i < scalars.Length; i++)
        {
            if (scalars[i] is not null) mask |= 1L << i;
            if (reals is not null) reals[i] = scalars[i] ?? double.NaN;
        }
        if (check.PredictedBeta is not null) mask |= 1L << 6;
        if (check.GradientFlowBeta is not null) mask |= 1L << 7;
        if (theorem22Beta is not null) (check.PredictedBeta ?? Nan(d)).CopyTo(new Span<double>(theorem22Beta, d));
        if (gradientFlowBeta is not null) (check.GradientFlowBeta ?? Nan(d)).CopyTo(new Span<double>(gradientFlowBeta, d));
        if (present is not null) *present = mask;
        return NativeErrors.Ok;
    });

    private static double[] In(double* values, int length, string field) =>
        values is null ? throw new InvalidInputException(field, "got a null array") : new ReadOnlySpan<double>(values, length).ToArray();

    private static double[] Nan(int d) => Enumerable.Repeat(double.NaN, d).ToArray();

    private static void Out(double[] values, double* destination, string field)
    {
        if (destination is null) throw new InvalidInputException(field, "got a null array");
        values.CopyTo(new Span<double>(destination, values.Length));
    }
}
