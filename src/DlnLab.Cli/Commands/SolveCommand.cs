using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DlnLab.Cli.Options;
using DlnLab.Cli.Output;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;
using Spectre.Console;

namespace DlnLab.Cli.Commands;

/// <summary>
/// `dln solve`: the interpolators the theory names for one problem (gradient flow from alpha, minimum l1, minimum l2),
/// each measured against beta* and against the others, with the solvers' certificates.
/// </summary>
internal sealed class SolveCommand
{
    private readonly ProblemOptions problemOptions = new();
    private readonly Option<string> alpha = CliOption.Text("--alpha", "0.1",
        "Initialisation scale alpha > 0 of the gradient flow (Theorem 2.1): one number, or d comma-separated numbers.", "ALPHA");
    private readonly Option<bool> json = CliOption.Flag("--json",
        "Print one JSON object with every interpolator, its measures and the solver diagnostics. [default: off, a readable table]");

    public static Command Create() => new SolveCommand().Build();

    private Command Build()
    {
        var command = new Command("solve",
            "Compute the gradient-flow interpolator argmin psi_alpha (Theorem 2.1) and the minimum-l1 and minimum-l2 " +
            "interpolators of a generated or loaded problem, and compare them with beta* and with each other.");
        problemOptions.AddTo(command);
        command.Options.Add(alpha);
        command.Options.Add(json);
        command.SetAction(Run);
        return command;
    }

    private sealed record Solution(string Name, double[] Beta, string Certificate);

    private int Run(ParseResult parsed)
    {
        double[]? alphaVector = null;
        var (problem, description) = ProblemSource.Build(problemOptions, parsed, (_, d) => alphaVector = ReadAlpha(parsed.GetValue(alpha)!, d));

        var gradientFlow = Interpolators.GradientFlow(problem.X, problem.Y, alphaVector!);
        var l1 = Interpolators.MinimumL1(problem.X, problem.Y);
        var l2 = Interpolators.MinimumL2(problem.X, problem.Y);
        var solutions = new List<Solution>
        {
            new("gradient flow", gradientFlow.Beta,
                $"dual Newton: {gradientFlow.Iterations} iterations, relative residual {G(gradientFlow.RelativeResidual)}"),
            new("minimum l1", l1.Beta,
                $"simplex: duality gap {G(l1.DualityGap)}, dual infeasibility {G(l1.DualInfeasibility)}, relative residual {G(l1.RelativeResidual)}"),
            new("minimum l2", l2, $"relative residual {G(MatrixOperations.RelativeResidual(problem.X, l2, problem.Y))}"),
        };
        if (problem.BetaStar is not null) solutions.Add(new("beta*", problem.BetaStar, "planted"));

        if (parsed.GetValue(json)) WriteJson(parsed.InvocationConfiguration.Output, problem, description, alphaVector!, solutions, gradientFlow, l1);
        else WriteTable(parsed.InvocationConfiguration.Output, problem, solutions);
        return Cli.Success;
    }

    private static double[] ReadAlpha(string text, int d)
    {
        var values = TrainingOptionSet.ParseAlpha(text);
        // No core Validated() stands between this and the solver, so the range is checked here, in the parser's words.
        if (!values.All(v => v > 0 && double.IsFinite(v))) throw new InvalidInputException("alpha", text, TrainingOptionSet.AlphaAllowed);
        if (values.Length == 1) return Enumerable.Repeat(values[0], d).ToArray();
        if (values.Length != d) throw new InvalidInputException("alpha", $"has {values.Length} entries but d = {d}; give one number or d numbers");
        return values;
    }

    private static (double L1, double L2, int Support, double? Test, double? Population, double? ToBetaStar) Measures(RegressionProblem p, double[] beta)
    {
        var metrics = new IterateMetrics(p);
        double max = beta.Max(Math.Abs);
        return (beta.Sum(Math.Abs), MatrixOperations.Norm2(beta), beta.Count(b => Math.Abs(b) > 1e-6 * Math.Max(max, 1e-300)),
            metrics.TestLoss(beta), metrics.PopulationLoss(beta), metrics.DistanceToBetaStar(beta));
    }

    private static void WriteTable(TextWriter output, RegressionProblem problem, List<Solution> solutions)
    {
        var console = Terminal.For(output);
        var table = new Table().AddColumns("interpolator", "||beta||_1", "||beta||_2", "support", "test loss", "population loss", "||beta - beta*||");
        foreach (var s in solutions)
        {
            var m = Measures(problem, s.Beta);
            table.AddRow(Markup.Escape(s.Name), G(m.L1), G(m.L2), m.Support.ToString(CultureInfo.InvariantCulture), G(m.Test), G(m.Population), G(m.ToBetaStar));
        }
        console.Write(table);

        var distances = new Table().AddColumn("relative distance ||a - b|| / ||b||");
        foreach (var b in solutions) distances.AddColumn(Markup.Escape(b.Name));
        foreach (var a in solutions)
            distances.AddRow([Markup.Escape(a.Name), .. solutions.Select(b => G(MatrixOperations.RelativeDistance(a.Beta, b.Beta)))]);
        console.Write(distances);
        foreach (var s in solutions) console.WriteLine($"{s.Name}: {s.Certificate}");
    }

    private static void WriteJson(TextWriter output, RegressionProblem problem, ProblemDescription description, double[] alpha,
        List<Solution> solutions, InterpolatorSolution gradientFlow, MinimumL1Solution l1)
    {
        JsonLine.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("n", description.N);
            w.WriteNumber("d", description.D);
            JsonNumbers.WriteArray(w, "alpha", alpha);
            w.WriteStartObject("interpolators");
            foreach (var s in solutions)
            {
                var m = Measures(problem, s.Beta);
                w.WriteStartObject(s.Name.Replace(' ', '_').Replace("*", "_star"));
                JsonNumbers.WriteArray(w, "beta", s.Beta);
                JsonNumbers.Write(w, "l1_norm", m.L1);
                JsonNumbers.Write(w, "l2_norm", m.L2);
                w.WriteNumber("support_size", m.Support);
                JsonNumbers.Write(w, "test_loss", m.Test);
                JsonNumbers.Write(w, "population_loss", m.Population);
                JsonNumbers.Write(w, "distance_to_beta_star", m.ToBetaStar);
                JsonNumbers.Write(w, "relative_residual", MatrixOperations.RelativeResidual(problem.X, s.Beta, problem.Y));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("gradient_flow_solver");
            w.WriteNumber("iterations", gradientFlow.Iterations);
            JsonNumbers.Write(w, "relative_residual", gradientFlow.RelativeResidual);
            w.WriteBoolean("converged", gradientFlow.Converged);
            w.WriteEndObject();
            w.WriteStartObject("minimum_l1_solver");
            JsonNumbers.Write(w, "duality_gap", l1.DualityGap);
            JsonNumbers.Write(w, "dual_infeasibility", l1.DualInfeasibility);
            JsonNumbers.WriteArray(w, "dual_certificate", l1.DualCertificate);
            w.WriteBoolean("converged", l1.Converged);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static string G(double? x) => x is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";
}
