using DlnLab.Backends;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>
/// The Reference backend's textbook (u, v) iteration stepped one step at a time, with sum_k q, q+ and q- of
/// t = gamma_k g_k accumulated from the gradient at each iterate (the same batches: a second sampler, same seed).
/// </summary>
internal static class ReferenceSgd
{
    public sealed record Result(double[] U, double[] V, double[] Beta, double[] SumQ, double[] SumQPlus, double[] SumQMinus, long Steps);

    public static Result Run(RegressionProblem p, TrainingOptions o, long steps)
    {
        int d = p.D;
        var design = new PaddedDesign(p.X, p.Y);
        var model = Model.Create(o.Model, o.AlphaFor(d), o.U0, o.V0);
        var stepper = new ReferenceStepper(model, design, new BatchSampler(p.N, o.BatchSize, o.BatchMode, o.Seed), o.Stepsize);
        var batches = new BatchSampler(p.N, o.BatchSize, o.BatchMode, o.Seed);
        double[] sumQ = new double[d], sumQPlus = new double[d], sumQMinus = new double[d];
        var counters = new StepCounters();
        for (long k = 0; k < steps; k++)
        {
            var g = new double[d];
            var batch = batches.Next();
            foreach (int j in batch)
            {
                double r = -p.Y[j];
                for (int i = 0; i < d; i++) r += stepper.Beta[i] * p.X[j, i];
                for (int i = 0; i < d; i++) g[i] += r * p.X[j, i] / batch.Length;
            }
            for (int i = 0; i < d; i++)
            {
                double t = o.Stepsize.At(k) * g[i];
                sumQ[i] += GainFunction.Q(t);
                sumQPlus[i] += GainFunction.QPlus(t);
                sumQMinus[i] += GainFunction.QMinus(t);
            }
            stepper.Advance(k, k + 1, ref counters, out _);
        }
        return new Result(stepper.First.ToArray(), stepper.Second.ToArray(), stepper.Beta.ToArray(), sumQ, sumQPlus, sumQMinus, steps);
    }
}
