using System.Globalization;
using System.Text;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Writes a <see cref="SweepSpec"/> as the TOML that <see cref="SweepSpecToml"/> reads back to the same spec: every key
/// of <see cref="SpecBuilder.Keys"/> with its resolved value (defaults included), the one stepsize axis given, the
/// threshold settings only for relative stepsizes. `--dry-run` prints it; a test reads it back for every key.
/// </summary>
public static class SweepSpecTomlWriter
{
    /// <summary>The TOML text of <paramref name="spec"/>.</summary>
    public static string Write(SweepSpec spec)
    {
        var lines = new StringBuilder();
        string? table = null;
        foreach (var (key, value) in Values(spec))
        {
            int dot = key.IndexOf('.');
            string t = dot < 0 ? "" : key[..dot];
            if (t != (table ?? "") && t.Length > 0) lines.Append(CultureInfo.InvariantCulture, $"{(lines.Length > 0 ? "\n" : "")}[{t}]\n");
            table = t;
            lines.Append(CultureInfo.InvariantCulture, $"{key[(dot + 1)..]} = {value}\n");
        }
        return lines.ToString();
    }

    /// <summary>Each key written, with its TOML value, in schema order.</summary>
    internal static IEnumerable<(string Key, string Value)> Values(SweepSpec s)
    {
        yield return ("name", Quoted(s.Name));
        yield return ("seeds.seed", Seed(s.Seed));
        if (s.DataSeeds is null) yield return ("seeds.datasets", Int(s.Datasets));
        else yield return ("seeds.data_seeds", List(s.DataSeeds.Select(Seed)));
        yield return ("seeds.repeats", Int(s.Repeats));
        yield return ("problem.n", List(s.N.Select(Int)));
        yield return ("problem.d", List(s.D.Select(Int)));
        yield return ("problem.s", List(s.S.Select(Int)));
        yield return ("problem.noise", List(s.Noise.Select(Number)));
        yield return ("problem.nonzeros", Word(s.Nonzeros));
        yield return ("problem.scale", Number(s.NonzeroScale));
        yield return ("problem.support", Word(s.Support));
        yield return ("problem.n_test", Int(s.NTest));
        yield return ("problem.mean", Number(s.Mean));
        yield return ("problem.correlation", Number(s.Correlation));
        yield return ("training.alpha", List(s.Alpha.Select(Number)));
        yield return ("training.model", List(s.Model.Select(m => Quoted(m.ToString()))));
        if (s.U0 is not null) yield return ("training.u0", List(s.U0.Select(Number)));
        if (s.V0 is not null) yield return ("training.v0", List(s.V0.Select(Number)));
        if (s.LabelNoise is not null) yield return ("training.label_noise", List(s.LabelNoise.Select(Number)));
        if (s.Momentum is not null) yield return ("training.momentum", List(s.Momentum.Select(Number)));
        if (s.Shape is not null) yield return ("training.shape", List(s.Shape.Select(Number)));
        yield return ("training.batch_size", List(s.BatchSize.Select(b => b == SweepSpec.FullBatch ? "\"n\"" : Int(b))));
        yield return ("training.batch_mode", Word(s.BatchMode));
        yield return ("training.tolerance", Number(s.Tolerance));
        yield return ("training.max_steps", s.MaxSteps.ToString(CultureInfo.InvariantCulture));
        yield return ("training.divergence_factor", Number(s.DivergenceFactor));
        yield return ("training.bounce_factor", Number(s.BounceFactor));
        yield return ("training.loss_check_interval", Int(s.LossCheckInterval));
        yield return ("training.keep_trajectories", s.KeepTrajectories ? "true" : "false");
        if (s.KeepTrajectories)
        {
            yield return ("training.checkpoints_per_decade", Int(s.CheckpointsPerDecade));
            yield return ("training.checkpoint_every", s.CheckpointEvery.ToString(CultureInfo.InvariantCulture));
        }
        var axis = s.Stepsize;
        switch (axis.Kind)
        {
            case StepsizeAxisKind.List: yield return ("stepsize.values", List(axis.Values.Select(Number))); break;
            case StepsizeAxisKind.Relative: yield return ("stepsize.relative", List(axis.Values.Select(Number))); break;
            default:
                string part = axis.Kind == StepsizeAxisKind.Linear ? "linear" : "log";
                yield return ("stepsize." + part, $"{{ start = {Number(axis.Start)}, stop = {Number(axis.Stop)}, count = {Int(axis.Count)} }}");
                break;
        }
        if (axis.IsRelative)
        {
            yield return ("threshold.low", Number(s.Threshold.Low));
            yield return ("threshold.high", Number(s.Threshold.High));
            yield return ("threshold.precision", Number(s.Threshold.Precision));
        }
    }

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    // TOML integers end at 2^63 - 1; a larger seed is written as a string of digits, which the reader takes.
    private static string Seed(ulong x) => x <= long.MaxValue ? x.ToString(CultureInfo.InvariantCulture) : $"\"{x.ToString(CultureInfo.InvariantCulture)}\"";

    private static string Number(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        string r = x.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return r.Contains('.') || r.Contains('e') ? r : r + ".0";
    }

    private static string Word<T>(T value) where T : struct, Enum => Quoted(value.ToString().ToLowerInvariant());

    /// <summary>
    /// <paramref name="s"/> as a TOML basic string: in double quotes, with backslashes and double quotes escaped (the
    /// writers of a spec, of a command's resolved configuration and of an override's key path share it).
    /// </summary>
    public static string Quoted(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
