using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>
/// The kernels' documented orders written one scalar at a time: the definitions every vector width is tested against.
/// </summary>
internal static class CanonicalOrder
{
    /// <summary>The canonical order of <see cref="Kernels.Dot"/>: 8-lane chunks, 1 or 4 accumulators, then the lanes.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int accumulators = a.Length <= Kernels.ShortLength ? 1 : 4;
        var acc = new double[accumulators, 8];
        for (int i = 0; i < a.Length; i++) acc[i / 8 % accumulators, i % 8] = Math.FusedMultiplyAdd(a[i], b[i], acc[i / 8 % accumulators, i % 8]);
        var s = new double[8];
        for (int l = 0; l < 8; l++)
            s[l] = accumulators == 1 ? acc[0, l] : (acc[0, l] + acc[1, l]) + (acc[2, l] + acc[3, l]);
        double t0 = s[0] + s[4], t1 = s[1] + s[5], t2 = s[2] + s[6], t3 = s[3] + s[7];
        return (t0 + t1) + (t2 + t3);
    }

    /// <summary>
    /// The rotated update of <see cref="Kernels.Update"/> coordinate by coordinate (t = scale direction_i; w+ (1 - t),
    /// w- (1 + t), S + t, beta = 0.5 ((w+^2 4^e+) - (w-^2 4^e-))); returns max_i |t_i|, NaN if some t is NaN.
    /// </summary>
    public static double Update(ReadOnlySpan<double> direction, double scale, NetworkState state)
    {
        double max = 0;
        for (int i = 0; i < state.Beta.Length; i++)
        {
            double t = scale * direction[i];
            double wp = state.WPlus[i] * (1 - t), wm = state.WMinus[i] * (1 + t);
            state.WPlus[i] = wp;
            state.WMinus[i] = wm;
            state.SumStepGradient[i] += t;
            state.Beta[i] = 0.5 * (wp * wp * state.PlusScaleSquared[i] - wm * wm * state.MinusScaleSquared[i]);
            max = double.IsNaN(t) || double.IsNaN(max) ? double.NaN : Math.Max(max, Math.Abs(t));
        }
        return max;
    }

    /// <summary>Every array of two states the same bits.</summary>
    public static void AssertSameState(NetworkState expected, NetworkState actual)
    {
        Assert.Equal(Bits(expected.WPlus), Bits(actual.WPlus));
        Assert.Equal(Bits(expected.WMinus), Bits(actual.WMinus));
        Assert.Equal(Bits(expected.SumStepGradient), Bits(actual.SumStepGradient));
        Assert.Equal(Bits(expected.Beta), Bits(actual.Beta));
    }

    public static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    public static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
