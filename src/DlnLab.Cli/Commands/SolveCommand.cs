using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DlnLab.Analysis;
using DlnLab.Cli.Options;
using DlnLab.Cli.Output;
using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;
using Spectre.Console;

namespace DlnLab.Cli.Commands;

/// <summary>
/// `dln solve`: the interpolators the theory names for one problem (the model's gradient-flow limit, minimum l1,
/// minimum l2), each measured against beta* and against the others, with the solvers' certificates. A well-formed
/// problem is never refused: a solver that does not converge (y outside the range of X, scales beyond double precision)
/// is a status with its reason, and the command exits 0; only invalid options exit 2.
/// </summary>
internal sealed class SolveCommand
{
    private readonly ProblemOptions problemOptions = new();
    private readonly Option<string> alpha = CliOption.Text("--alpha", "0.1",
        "Initialisation scale alpha > 0 of the gradient flow (Theorem 2.1): one number, or d comma-separated numbers.", "ALPHA");
    private readonly Option<string> model = CliOption.Text("--model", "uv",
        "The model whose gradient-flow interpolator is computed: uv (beta = u ⊙ v, argmin psi_alpha) or power:D " +
        "(beta = w+^D - w-^D from w± = alpha, D in [2, 64]: Woodworth et al.'s argmin Q_D).", "MODEL");
    private readonly Option<string?> u0 = CliOption.OptionalText("--u0",
        "uv only: the start u0 (one number or d comma-separated numbers); the limit is argmin D_psi_A(beta, u0 ⊙ v0) with " +
        "A = |u0^2 - v0^2| / 2. [default: sqrt(2) alpha]", "U0");
    private readonly Option<string?> v0 = CliOption.OptionalText("--v0",
        "uv only: the start v0 (one number or d comma-separated numbers). [default: 0]", "V0");
    private readonly Option<string> l1Solver = CliOption.Choice("--l1-solver", "auto",
        "The method for the minimum-l1 interpolator, each with its dual certificate checked on the full problem: simplex (the " +
        "dense two-phase simplex), glop (OR-Tools' GLOP on the same linear program; linux-x64 only), or auto: glop where n d > " +
        LinearProgramming.L1Solvers.GlopAbove.ToString(CultureInfo.InvariantCulture) + " and GLOP is carried, else simplex.", LinearProgramming.L1Solvers.Names);
    private readonly Option<bool> json = CliOption.Flag("--json",
        "Print one JSON object with every interpolator, its measures, the solver diagnostics and the resolved configuration (config, TOML text for --config). [default: off, a readable table]");

    private CommandConfig config = null!;

    public static Command Create() => new SolveCommand().Build();

    private Command Build()
    {
        var command = new Command("solve",
            "Compute the gradient-flow interpolator of a model (uv: argmin psi_alpha, Theorem 2.1; power:D: argmin Q_D) and " +
            "the minimum-l1 and minimum-l2 interpolators of a generated or loaded problem, and compare them with beta* and " +
            "with each other. A solver that does not converge is reported with its reason.");
        problemOptions.AddTo(command);
        command.Options.Add(alpha);
        command.Options.Add(model);
        command.Options.Add(u0);
        command.Options.Add(v0);
        command.Options.Add(l1Solver);
        command.Options.Add(json);
        config = CommandConfig.AddTo(command, o =>
            o == problemOptions.DataSeed ? "seeds" : problemOptions.All.Contains(o) ? "problem" : o == alpha || o == model || o == u0 || o == v0 ? "training" : null);
        command.SetAction(Run);
        return command;
    }

    /// <summary>One interpolator: its beta, or null with the reason it was not found.</summary>
    private sealed record Solution(string Name, double[]? Beta, string Certificate)
    {
        public bool Found => Beta is not null;
    }

    private int Run(ParseResult parsed)
    {
        var spec = ModelSpec.Parse("model", parsed.GetValue(model)!);
        double[]? alphaVector = null, u0Vector = null, v0Vector = null;
        var (problem, description) = ProblemSource.Build(problemOptions, parsed, (_, d) =>
        {
            alphaVector = ReadAlpha(parsed.GetValue(alpha)!, d);
            u0Vector = ReadStart("u0", parsed.GetValue(u0), d, spec);
            v0Vector = ReadStart("v0", parsed.GetValue(v0), d, spec);
        });

        // Scaling rows by powers of two changes no interpolator and keeps the solvers' matrices finite for any |X|.
        var (x, y) = RowEquilibration.Apply(problem.X, problem.Y);
        ModelInterpolators.TryGradientFlow(x, y, spec, alphaVector!, u0Vector, v0Vector, out var gradientFlow);
        var l1 = LinearProgramming.L1Solvers.For(parsed.GetValue(l1Solver)!, x.Rows, x.Cols).Solve(x, y);
        Interpolators.TryMinimumL2(x, y, out var l2);
        var solutions = new List<Solution>
        {
            new("gradient flow", gradientFlow.Converged ? gradientFlow.Beta : null, gradientFlow.Converged
                ? $"dual Newton: {gradientFlow.Iterations} iterations, relative residual {G(gradientFlow.RelativeResidual)}"
                : "not found: " + DualNewtonSolver.FailureReason(gradientFlow)),
            new("minimum l1", l1.Converged ? l1.Beta : null, l1.Converged
                ? $"{l1.Method}: duality gap {G(l1.DualityGap)}, dual infeasibility {G(l1.DualInfeasibility)}, relative residual {G(l1.RelativeResidual)}"
                : $"not found: {l1.Method} found no verified optimum (relative residual {G(l1.RelativeResidual)}, duality gap {G(l1.DualityGap)}): y may not be in the range of X"),
            new("minimum l2", l2, l2 is not null
                ? $"relative residual {G(MatrixOperations.RelativeResidual(problem.X, l2, problem.Y))}"
                : "not found: X X^T cannot be factored, or X^T (X X^T)^-1 y misses y: y may not be in the range of X (X needs full row rank)"),
        };
        if (problem.BetaStar is not null) solutions.Add(new("beta*", problem.BetaStar, "planted"));

        var output = parsed.InvocationConfiguration.Output;
        if (parsed.GetValue(json)) WriteJson(output, problem, description, spec, alphaVector!, solutions, gradientFlow, l1, config.Resolved(parsed));
        else WriteTable(output, problem, spec, solutions);
        return Cli.Success;
    }

    private static double[] ReadAlpha(string text, int d)
    {
        var values = SpecText.ParseAlpha(text);
        // No core Validated() stands between this and the solver, so the range is checked here, in the parser's words.
        if (!values.All(v => v > 0 && double.IsFinite(v))) throw new InvalidInputException("alpha", text, SpecText.AlphaAllowed);
        if (values.Length == 1) return Enumerable.Repeat(values[0], d).ToArray();
        if (values.Length != d) throw new InvalidInputException("alpha", $"has {values.Length} entries but d = {d}; give one number or d numbers");
        return values;
    }

    private static double[]? ReadStart(string field, string? text, int d, ModelSpec spec)
    {
        if (text is null) return null;
        if (spec.Kind != ModelKind.Uv) throw new InvalidInputException(field, $"applies to the uv model only; {spec} starts from w+ = w- = alpha");
        const string allowed = "must be a finite number, or d comma-separated finite numbers";
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InvalidInputException(field, text, allowed);
        var start = values.Length == 1 ? ScaleOrVector.Uniform(values[0]) : ScaleOrVector.PerCoordinate(values);
        return start.Validated(field, d).For(d);
    }

    private static (double L1, double L2, int Support, double? Test, double? Population, double? ToBetaStar) Measures(RegressionProblem p, double[] beta)
    {
        var metrics = new IterateMetrics(p);
        double max = beta.Max(Math.Abs);
        return (beta.Sum(Math.Abs), MatrixOperations.Norm2(beta), beta.Count(b => Math.Abs(b) > 1e-6 * Math.Max(max, 1e-300)),
            metrics.TestLoss(beta), metrics.PopulationLoss(beta), metrics.DistanceToBetaStar(beta));
    }

    private static void WriteTable(TextWriter output, RegressionProblem problem, ModelSpec spec, List<Solution> solutions)
    {
        var console = Terminal.For(output);
        console.WriteLine($"gradient flow of the {spec} model");
        var found = solutions.Where(s => s.Found).ToList();
        if (found.Count > 0) WriteMeasures(console, problem, found);
        foreach (var s in solutions) console.WriteLine($"{s.Name}: {s.Certificate}");
    }

    private static void WriteMeasures(IAnsiConsole console, RegressionProblem problem, List<Solution> found)
    {
        var table = new Table().AddColumns("interpolator", "||beta||_1", "||beta||_2", "support", "test loss", "population loss", "||beta - beta*||");
        foreach (var s in found)
        {
            var m = Measures(problem, s.Beta!);
            table.AddRow(Markup.Escape(s.Name), G(m.L1), G(m.L2), m.Support.ToString(CultureInfo.InvariantCulture), G(m.Test), G(m.Population), G(m.ToBetaStar));
        }
        console.Write(table);

        var distances = new Table().AddColumn("relative distance ||a - b|| / ||b||");
        foreach (var b in found) distances.AddColumn(Markup.Escape(b.Name));
        foreach (var a in found)
            distances.AddRow([Markup.Escape(a.Name), .. found.Select(b => G(MatrixOperations.RelativeDistance(a.Beta!, b.Beta!)))]);
        console.Write(distances);
    }

    private static void WriteJson(TextWriter output, RegressionProblem problem, ProblemDescription description, ModelSpec spec, double[] alpha,
        List<Solution> solutions, InterpolatorSolution gradientFlow, MinimumL1Solution l1, string resolvedConfig)
    {
        JsonLine.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("n", description.N);
            w.WriteNumber("d", description.D);
            w.WriteString("model", spec.ToString());
            JsonNumbers.WriteArray(w, "alpha", alpha);
            w.WriteStartObject("interpolators");
            foreach (var s in solutions)
            {
                w.WriteStartObject(s.Name.Replace(' ', '_').Replace("*", "_star"));
                w.WriteString("status", s.Found ? "found" : "not_found");
                if (!s.Found)
                {
                    w.WriteString("reason", s.Certificate);
                    w.WriteEndObject();
                    continue;
                }
                var m = Measures(problem, s.Beta!);
                JsonNumbers.WriteArray(w, "beta", s.Beta!);
                JsonNumbers.Write(w, "l1_norm", m.L1);
                JsonNumbers.Write(w, "l2_norm", m.L2);
                w.WriteNumber("support_size", m.Support);
                JsonNumbers.Write(w, "test_loss", m.Test);
                JsonNumbers.Write(w, "population_loss", m.Population);
                JsonNumbers.Write(w, "distance_to_beta_star", m.ToBetaStar);
                JsonNumbers.Write(w, "relative_residual", MatrixOperations.RelativeResidual(problem.X, s.Beta!, problem.Y));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("gradient_flow_solver");
            w.WriteNumber("iterations", gradientFlow.Iterations);
            JsonNumbers.Write(w, "relative_residual", gradientFlow.RelativeResidual);
            w.WriteBoolean("converged", gradientFlow.Converged);
            w.WriteEndObject();
            w.WriteStartObject("minimum_l1_solver");
            w.WriteString("method", l1.Method);
            JsonNumbers.Write(w, "duality_gap", l1.DualityGap);
            JsonNumbers.Write(w, "dual_infeasibility", l1.DualInfeasibility);
            JsonNumbers.WriteArray(w, "dual_certificate", l1.DualCertificate);
            w.WriteBoolean("converged", l1.Converged);
            w.WriteEndObject();
            w.WriteString("config", resolvedConfig);
            w.WriteEndObject();
        });
    }

    private static string G(double? x) => x is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
