using DlnLab.LinearAlgebra;
using DlnLab.Randomness;
using DlnLab.Training;
using static DlnLab.Tests.Training.CanonicalOrder;

namespace DlnLab.Tests.Training;

/// <summary>
/// The lockstep kernels (residuals, the fused gradient sums and update, the quiet-lane test) at each vector width,
/// forced through their type parameter, against their documented per-lane orders written one scalar at a time.
/// </summary>
public class LockstepWidthTests
{
    private const int Lanes = LockstepState.Lanes;

    public static TheoryData<int, int> Shapes()
    {
        var shapes = new TheoryData<int, int>();
        // Row tiles of 12, 10, 8, 4 and 1; coordinate blocks of 8, 6, 4, 2 and 1, with fewer rows than waiting steps.
        foreach (int n in new[] { 1, 3, 4, 7, 9, 11, 13, 20, 23, 27 })
            foreach (int d in new[] { 1, 2, 5, 7, 8, 14, 15, 16, 30, 31, 64 })
                shapes.Add(n, d);
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ResidualsAndUpdateFollowThePerLaneOrdersAtEveryWidth(int n, int d)
    {
        Case<Octet512>(n, d); Case<Octet256>(n, d); Case<Octet128>(n, d); Case<OctetScalar>(n, d);
    }

    private static void Case<T>(int n, int d) where T : struct, IOctet<T>
    {
        var rng = new Xoshiro256((ulong)(n * 100 + d));
        var x = new Matrix(n, d);
        for (int j = 0; j < n; j++) for (int i = 0; i < d; i++) x[j, i] = rng.NextGaussian();
        var design = new PaddedDesign(x, Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray());
        // Seven runs (one lane empty), the last with stored scales away from 1.
        var runs = Enumerable.Range(0, Lanes - 1).Select(lane => new NetworkState(
            Enumerable.Range(0, d).Select(_ => 0.05 + 0.3 * rng.NextDouble()).ToArray(), design.Stride)).ToList();
        for (int i = 0; i < d; i += 2)
        {
            var s = runs[^1];
            s.WPlus[i] *= 0.25; s.PlusExponent[i] = 2; s.PlusScaleSquared[i] = 16;
        }
        var state = new LockstepState(runs, design);
        var reference = runs.Select(r => new double[][] { (double[])r.WPlus.Clone(), (double[])r.WMinus.Clone(), (double[])r.SumStepGradient.Clone(),
            r.Beta.Select(b => 2 * b).ToArray(), (double[])r.PlusScaleSquared.Clone(), (double[])r.MinusScaleSquared.Clone() }).ToList();
        var maxStep = new double[Lanes];
        for (int step = 0; step < 3; step++)
        {
            for (int lane = 0; lane < Lanes; lane++) state.Scale[lane] = lane < runs.Count ? (0.02 + 0.01 * lane) / n : 0;
            state.Residuals<T>(design);
            state.Update<T>(design);
            for (int lane = 0; lane < runs.Count; lane++)
            {
                var (loss, max) = ReferenceStep(design, reference[lane], state.Scale[lane]);
                Assert.Equal(Bits(loss), Bits(state.Loss[lane]));
                maxStep[lane] = Math.Max(maxStep[lane], max);
                Assert.Equal(Bits(maxStep[lane]), Bits(state.MaxStepGradient[lane]));
                string[] names = ["w+", "w-", "S", "2 beta"];
                for (int a = 0; a < names.Length; a++)
                    Assert.Equal(Bits(reference[lane][a].Take(d)), Bits(Lane(a switch
                    {
                        0 => state.WPlus, 1 => state.WMinus, 2 => state.SumStepGradient, _ => state.TwiceBeta,
                    }, lane, d)));
            }
        }
    }

    private static IEnumerable<double> Lane(double[] values, int lane, int d) => Enumerable.Range(0, d).Select(i => values[i * Lanes + lane]);

    /// <summary>
    /// One lockstep step of one lane from its documented orders: 2 r_j = (FMA from +0 over i of x_ji 2 beta_i) - 2 y_j,
    /// loss = (sum over j of (2 r_j)^2) / (8 n); 2 g_i = FMA from +0 over j of 2 r_j x_ji, t_i = (Scale / 2) 2 g_i, then
    /// the rotated update with 2 beta = w+^2 4^e+ - w-^2 4^e-. Returns the loss and max |t|.
    /// </summary>
    private static (double Loss, double MaxStep) ReferenceStep(PaddedDesign design, double[][] s, double scale)
    {
        int n = design.N, d = design.D;
        double[] wp = s[0], wm = s[1], sum = s[2], twiceBeta = s[3], plus = s[4], minus = s[5];
        var r = new double[n];
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            double a = 0;
            for (int i = 0; i < d; i++) a = Math.FusedMultiplyAdd(design.X[j * design.Stride + i], twiceBeta[i], a);
            r[j] = a - 2 * design.Y[j];
            squares += r[j] * r[j];
        }
        double max = 0;
        for (int i = 0; i < d; i++)
        {
            double g = 0;
            for (int j = 0; j < n; j++) g = Math.FusedMultiplyAdd(r[j], design.X[j * design.Stride + i], g);
            double t = 0.5 * scale * g;
            wp[i] *= 1 - t;
            wm[i] *= 1 + t;
            sum[i] += t;
            twiceBeta[i] = wp[i] * wp[i] * plus[i] - wm[i] * wm[i] * minus[i];
            max = Math.Max(max, Math.Abs(t));
        }
        return (squares / (8.0 * n), max);
    }

    [Fact]
    public void QuietLanesAreTheScalarTestAtEveryWidth()
    {
        QuietCase<Octet512>(); QuietCase<Octet256>(); QuietCase<Octet128>(); QuietCase<OctetScalar>();
    }

    private static void QuietCase<T>() where T : struct, IOctet<T>
    {
        var rng = new Xoshiro256(8);
        var monitors = Enumerable.Range(0, Lanes).Select(lane => new LossMonitor(1.0, new TrainingOptions { Tolerance = 0.01 * lane })).ToArray();
        var quiet = new QuietLanes();
        var minimum = Enumerable.Repeat(double.PositiveInfinity, Lanes).ToArray();
        var until = new long[Lanes];
        for (int lane = 0; lane < Lanes; lane++)
        {
            quiet.Set(lane, monitors[lane]);
            until[lane] = 5 + 3 * lane;
            quiet.QuietUntil(lane, until[lane]);
        }
        double[] specials = [double.NaN, double.PositiveInfinity, 0, 1e300];
        for (long k = 0; k < 40; k++)
        {
            var loss = Enumerable.Range(0, Lanes).Select(_ => rng.NextDouble() < 0.1 ? specials[rng.NextBelow(specials.Length)] : rng.NextDouble() * 0.1).ToArray();
            uint expected = 0;
            for (int lane = 0; lane < Lanes; lane++)
            {
                double limit = Math.Min(monitors[lane].DivergenceLimit, double.MaxValue);
                if (loss[lane] <= Math.Min(minimum[lane], limit) && loss[lane] > monitors[lane].Tolerance && k < until[lane])
                {
                    expected |= 1u << lane;
                    minimum[lane] = loss[lane];
                }
            }
            Assert.Equal(expected, quiet.Quiet<T>(k, loss));
        }
    }
}
