using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>
/// The textbook (u, v) iteration, written as plainly as possible, with the gains accumulated step by step:
/// the yardstick the rotated kernels are checked against. Uses the same <see cref="BatchSampler"/>.
/// </summary>
internal static class ReferenceSgd
{
    public sealed record Result(double[] U, double[] V, double[] Beta, double[] SumQ, double[] SumQPlus, double[] SumQMinus, long Steps);

    public static Result Run(RegressionProblem p, TrainingOptions o, long steps)
    {
        int n = p.N, d = p.D, b = o.BatchSize;
        var alpha = o.AlphaFor(d);
        var u = alpha.Select(a => Math.Sqrt(2) * a).ToArray();
        var v = new double[d];
        var sumQ = new double[d];
        var sumQPlus = new double[d];
        var sumQMinus = new double[d];
        var sampler = new BatchSampler(n, b, o.BatchMode, o.Seed);
        for (long k = 0; k < steps; k++)
        {
            var batch = sampler.Next();
            var g = new double[d];
            foreach (int j in batch)
            {
                double r = -p.Y[j];
                for (int i = 0; i < d; i++) r += u[i] * v[i] * p.X[j, i];
                for (int i = 0; i < d; i++) g[i] += r * p.X[j, i] / b;
            }
            double gamma = o.Stepsize.At(k);
            for (int i = 0; i < d; i++)
            {
                double ui = u[i], vi = v[i];
                u[i] = ui - gamma * g[i] * vi;
                v[i] = vi - gamma * g[i] * ui;
                sumQ[i] += GainFunction.Q(gamma * g[i]);
                sumQPlus[i] += GainFunction.QPlus(gamma * g[i]);
                sumQMinus[i] += GainFunction.QMinus(gamma * g[i]);
            }
        }
        var beta = u.Zip(v, (a, c) => a * c).ToArray();
        return new Result(u, v, beta, sumQ, sumQPlus, sumQMinus, steps);
    }
}
