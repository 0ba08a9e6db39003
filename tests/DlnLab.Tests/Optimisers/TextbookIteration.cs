using DlnLab.Problems;
using DlnLab.Randomness;
using DlnLab.Training;

namespace DlnLab.Tests.Optimisers;

/// <summary>
/// The optimisers written out from their textbook definitions, independently of the engine's steppers: the loss
/// F(theta) = 1/(2b) sum_{j in B_k} (beta(theta) x_j - y~_j)^2 on the parameters theta = (u, v) (beta = u ⊙ v) or
/// (w+, w-) (beta = w+^D - w-^D), with y~_j = y_j + delta xi_{k,j} (label noise, xi ~ N(0, 1) drawn in batch order
/// from the stream seeded SplitMix64.Derive(seed, Label("label-noise"))), and heavy-ball momentum in its velocity form
/// m_{k+1} = M m_k - gamma grad F(theta_k), theta_{k+1} = theta_k + m_{k+1} (m_0 = 0).
/// </summary>
internal static class TextbookIteration
{
    public static double[] Beta(RegressionProblem p, TrainingOptions o, long steps)
    {
        double momentum = o.Momentum;
        int n = p.N, d = p.D, depth = o.Model.Kind == DlnLab.Models.ModelKind.Power ? o.Model.Depth : 0;
        var alpha = o.AlphaFor(d);
        // theta = (a, c): (u, v) or (w+, w-).
        var a = new double[d];
        var c = new double[d];
        for (int i = 0; i < d; i++)
        {
            a[i] = depth == 0 ? o.U0?.For(d)[i] ?? Math.Sqrt(2) * alpha[i] : alpha[i];
            c[i] = depth == 0 ? o.V0?.For(d)[i] ?? 0 : alpha[i];
        }
        var ma = new double[d];
        var mc = new double[d];
        var batches = new BatchSampler(n, o.BatchSize, o.BatchMode, o.Seed);
        var noise = new Xoshiro256(SplitMix64.Derive(o.Seed, SplitMix64.Label("label-noise")));
        double[] BetaOf()
        {
            var beta = new double[d];
            for (int i = 0; i < d; i++) beta[i] = depth == 0 ? a[i] * c[i] : Math.Pow(a[i], depth) - Math.Pow(c[i], depth);
            return beta;
        }
        for (long k = 0; k < steps; k++)
        {
            var beta = BetaOf();
            var batch = batches.Next().ToArray();
            var g = new double[d]; // dF/dbeta
            foreach (int j in batch)
            {
                double label = p.Y[j] + (o.LabelNoise > 0 ? o.LabelNoise * noise.NextGaussian() : 0);
                double r = -label;
                for (int i = 0; i < d; i++) r += beta[i] * p.X[j, i];
                for (int i = 0; i < d; i++) g[i] += r * p.X[j, i] / batch.Length;
            }
            double gamma = o.Stepsize.At(k);
            for (int i = 0; i < d; i++)
            {
                // The chain rule: dF/da = g dbeta/da, dF/dc = g dbeta/dc.
                double ga = depth == 0 ? g[i] * c[i] : g[i] * depth * Math.Pow(a[i], depth - 1);
                double gc = depth == 0 ? g[i] * a[i] : -g[i] * depth * Math.Pow(c[i], depth - 1);
                ma[i] = momentum * ma[i] - gamma * ga;
                mc[i] = momentum * mc[i] - gamma * gc;
                a[i] += ma[i];
                c[i] += mc[i];
            }
        }
        return BetaOf();
    }
}
