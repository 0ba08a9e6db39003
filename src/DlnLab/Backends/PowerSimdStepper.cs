using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// A power:D run on the <see cref="SimdBackend"/>: the vectorised gradient sum (<see cref="Kernels.BatchGradientSum"/>),
/// then the vectorised power step (<see cref="PowerKernels"/>) on w±, beta kept beside them. b = n: the gradient sum
/// gives the loss at step k and the step's direction in one pass, as for uv. The state is plain values (the power
/// step is not multiplicative for D > 2), so there is nothing to renormalise and no gain to read out.
/// </summary>
internal sealed class PowerSimdStepper : IStepper
{
    private readonly PaddedDesign _design;
    private readonly BatchSampler _sampler;
    private readonly StepsizeSchedule _schedule;
    private readonly int _depth;
    private readonly double[] _wPlus, _wMinus, _beta, _gradient;
    private readonly bool _fullBatch;
    private bool _gradientFresh;

    public PowerSimdStepper(PowerModel model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule)
    {
        if (model.D != design.D) throw new ArgumentException($"the model has d = {model.D} but the design {design.D}", nameof(model));
        _design = design;
        _sampler = sampler;
        _schedule = schedule;
        _depth = model.Depth;
        (_wPlus, _wMinus, _beta, _gradient) = (CacheAligned.Doubles(design.Stride), CacheAligned.Doubles(design.Stride),
            CacheAligned.Doubles(design.Stride), CacheAligned.Doubles(design.Stride));
        var (first, second) = model.Start();
        first.CopyTo(_wPlus, 0);
        second.CopyTo(_wMinus, 0);
        for (int i = 0; i < model.D; i++) _beta[i] = model.Beta(first[i], second[i]);
        _fullBatch = sampler.IsFullBatch;
    }

    public ReadOnlySpan<double> Beta => _beta.AsSpan(0, _design.D);

    public double Loss()
    {
        if (!_fullBatch) return _design.Loss(_beta);
        _gradientFresh = true;
        return Kernels.BatchGradientSum(_design, _sampler.Next(), _beta, _gradient) / (2.0 * _design.N);
    }

    public bool Advance(long k, long until, ref StepCounters counters, out double lossAtUntil)
    {
        lossAtUntil = double.NaN;
        for (; k < until; k++)
        {
            double gamma = _schedule.At(k);
            if (!_fullBatch || !_gradientFresh) Kernels.BatchGradientSum(_design, _sampler.Next(), _beta, _gradient);
            _gradientFresh = false;
            counters.Record(PowerKernels.Update(_gradient, gamma / _sampler.BatchSize, _depth, _wPlus, _wMinus, _beta));
        }
        if (!_fullBatch) return false;
        lossAtUntil = Loss();
        return true;
    }

    public double GainL1() => double.NaN;

    public EffectiveInitialization? ReadOut() => null;
}
