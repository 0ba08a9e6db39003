using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class LogDomainTests
{
    [Fact]
    public void GainsOfThousandsNeitherUnderflowNorLoseTheEffectiveInitialization()
    {
        // Steps with gamma g = 1 - 1e-6 on one coordinate shrink w+ by 1e-6 each: 200 of them take w+ to 1e-1200,
        // far below the double range, while the gain grows by q(1 - 1e-6) = -ln(2e-6 - 1e-12) per step.
        const int d = 3;
        var state = new NetworkState([0.1, 0.1, 0.1], PaddedDiagonal.Stride(d));
        var direction = new double[state.Beta.Length];
        double t = 1 - 1e-6;
        direction[0] = t;
        direction[1] = -0.5;
        double expectedGain0 = 0, expectedGain1 = 0;
        for (int k = 0; k < 200; k++)
        {
            Kernels.Update(direction, 1.0, state);
            expectedGain0 += GainFunction.Q(t);
            expectedGain1 += GainFunction.Q(-0.5);
            if (k % 8 == 0) state.Renormalize();
        }
        state.Renormalize();
        var implicitBias = state.EffectiveInitialization();
        Assert.True(expectedGain0 > 2000);
        Assert.Equal(expectedGain0, implicitBias.Gain[0], 1e-9 * expectedGain0);
        Assert.Equal(expectedGain1, implicitBias.Gain[1], 1e-9 * expectedGain1);
        Assert.Equal(0.0, implicitBias.Gain[2]);
        Assert.All(implicitBias.LnAlphaInfSquared, x => Assert.True(double.IsFinite(x)));
        Assert.Equal(0.0, implicitBias.AlphaInf()[0]); // linear scale underflows, the logarithm does not
        // beta stays finite and matches (w+^2 - w-^2)/2 with w+ negligible: -w-^2/2, w- = 0.1 (2 - 1e-6)^200.
        double lnWMinus = Math.Log(0.1) + 200 * Math.Log(2 - 1e-6);
        Assert.Equal(-Math.Exp(2 * lnWMinus) / 2, state.Beta[0], 1e-12 * Math.Exp(2 * lnWMinus));
    }

    private static class PaddedDiagonal
    {
        public static int Stride(int d) => PaddedDesign.PaddedLength(d);
    }
}
