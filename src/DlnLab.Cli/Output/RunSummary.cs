using System.Globalization;
using DlnLab.Cli.Options;
using DlnLab.Analysis;
using DlnLab.Training;
using Spectre.Console;

namespace DlnLab.Cli.Output;

/// <summary>
/// The human-readable summary of a run: a two-column grid. Colour only on an interactive terminal; redirected output
/// and test writers get plain text without escape codes. The vectors are in --json.
/// </summary>
internal static class RunSummary
{
    public static void Write(TextWriter output, ProblemDescription problem, TrainingOptions options, RunResult result, TheoryCheck? theory, RunTiming timing,
        TheoryMode mode = TheoryMode.Full)
    {
        var console = Terminal.For(output);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Markup(value));

        Row("status", Status(result.Status));
        Row("problem", Markup.Escape(problem.DataPath is string path
            ? $"loaded from {path}: n = {problem.N}, d = {problem.D}"
            : $"generated: n = {problem.N}, d = {problem.D}, s = {problem.Generator!.S}, data seed {problem.Generator.Seed}"));
        Row("model", Markup.Escape(Model(options)));
        Row("training", Markup.Escape($"b = {options.BatchSize}{(options.BatchSize == problem.N ? " (GD)" : "")}, " +
            $"stepsize {options.Stepsize.Describe()}, alpha {(options.AlphaVector is null ? G(options.Alpha) : "per coordinate")}, " +
            $"{options.BatchMode.ToString().ToLowerInvariant()} batches, seed {options.Seed}"));
        Row("optimiser", Markup.Escape(Optimiser(options)));
        Row("steps", $"{result.Steps.ToString(CultureInfo.InvariantCulture)} of at most {options.MaxSteps.ToString(CultureInfo.InvariantCulture)}");
        Row("train loss", G(result.TrainLoss));
        Row("test loss", G(result.TestLoss));
        Row("population loss", G(result.PopulationLoss));
        Row("||beta - beta*||", G(result.DistanceToBetaStar));
        if (result.Implicit is { } implicitBias)
        {
            Row("||Gain||_1", G(result.GainL1));
            Row("alpha_inf", Range(implicitBias.AlphaInf()));
        }
        Row("bounced", result.Bounced ? $"yes (max loss rise {G(result.MaxLossRise)})" : $"no (max loss rise {G(result.MaxLossRise)})");
        Row("singular steps", $"{result.SingularSteps.ToString(CultureInfo.InvariantCulture)} (max |gamma g| = {G(result.MaxStepGradient)})");
        if (theory is null)
            Row("theory", Markup.Escape(mode == TheoryMode.None ? "not checked (--theory none)"
                : $"skipped: n^2 d = {G((double)problem.N * problem.N * problem.D)} is above {G(TheoryCheck.QuickWork)}, where --theory auto stops checking (--theory full runs it)"));
        else TheoryRows(Row, options, theory);
        Row("wall time", $"{G(timing.WallSeconds)} s ({G(timing.StepsPerSecond)} steps/s)");
        console.Write(grid);
    }

    private static void TheoryRows(Action<string, string> row, TrainingOptions options, TheoryCheck theory)
    {
        bool power = options.Model.Kind == Models.ModelKind.Power;
        row("consistency check", power ? $"none for {options.Model} (the theorem is about uv)"
            : !options.IsPlainSgd ? $"not covered: Theorems 2.1 and 2.2 are about (S)GD on the data's labels, not {Optimiser(options)}"
            : theory.Theorem22Residual is double r ? $"run vs predicted interpolator: relative distance {G(r)} (Theorem 2.2 identity: measures closeness to interpolation)"
            : "checked on converged runs only");
        string flow = power ? $"the argmin Q_{options.Model.Depth} interpolator"
            : options.U0 is null && options.V0 is null ? "the Theorem 2.1 interpolator" : "the gradient-flow interpolator from (u0, v0)";
        row("gradient flow", $"relative distance to {flow} {G(theory.DistanceToGradientFlow)}" +
            (options.Momentum > 0 ? " (momentum's limit as lambda -> 0)" : ""));
        if (!power && options.IsPlainSgd)
            row("predictions", $"limit vs argmin psi_alpha_inf (beta0~ dropped) {G(theory.Predictions.DistanceWithoutPerturbation)}, " +
                $"gain shape vs the predicted E(g_B(beta_0)^2): cosine {G(theory.Predictions.GainShapeCosine)}");
        if (theory.Sharpness is double sharp)
            row("sharpness", $"{G(sharp)} (GD stable below stepsize {G(theory.GdStabilityThreshold)})");
    }

    /// <summary>The update rule: plain (S)GD, label-noise SGD with its delta, heavy-ball momentum with its lambda.</summary>
    private static string Optimiser(TrainingOptions options)
    {
        var parts = new List<string>();
        if (options.LabelNoise > 0) parts.Add($"label-noise SGD, delta = {G(options.LabelNoise)}");
        if (options.Momentum > 0) parts.Add($"heavy-ball momentum M = {G(options.Momentum)}, lambda = gamma / (1 - M)^2 = {G(options.EffectiveStepsize)}");
        return parts.Count == 0 ? "plain (S)GD" : string.Join("; ", parts);
    }

    private static string Model(TrainingOptions options) =>
        options.Model.Kind == Models.ModelKind.Power ? $"{options.Model}: beta = w+^{options.Model.Depth} - w-^{options.Model.Depth}, w+ = w- = alpha at the start"
        : options.U0 is null && options.V0 is null ? "uv: beta = u * v from u0 = sqrt(2) alpha, v0 = 0"
        : $"uv: beta = u * v from u0 = {Start(options.U0, "sqrt(2) alpha")}, v0 = {Start(options.V0, "0")}";

    private static string Start(Models.ScaleOrVector? start, string byDefault) =>
        start is null ? byDefault : start.Vector is null ? G(start.Scale) : "per coordinate";

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.Converged => "[green]converged[/]",
        RunStatus.BudgetExhausted => "[yellow]budget_exhausted[/]",
        RunStatus.Diverged => "[red]diverged[/]",
        RunStatus.Oscillating => "[yellow]oscillating[/] (step budget reached, loss bouncing without progress)",
        _ => Markup.Escape(DlnLab.Experiments.Words.Of(status)),
    };

    private static string Range(double[] values) =>
        values.Length == 0 ? "-" : $"min {G(values.Min())}, max {G(values.Max())}";

    private static string G(double? x) => x is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
