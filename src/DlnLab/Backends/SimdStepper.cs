using DlnLab.LinearAlgebra;
using DlnLab.Models;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// A uv run on the <see cref="SimdBackend"/> (label noise on the gradient-sum paths). b = n: the gradient sum gives the loss at step k and the step's
/// direction in one pass. b = 1: each update also computes the next sample's &lt;x, beta'&gt; (drawn one step ahead,
/// the same sequence); a stretch of steps runs in one kernel call, where the row maxima make max |gamma g| one product
/// and a constant schedule's stepsize is read once.
/// </summary>
internal sealed class SimdStepper : IStepper
{
    private readonly PaddedDesign _design;
    private readonly BatchSampler _sampler;
    private readonly StepsizeSchedule _schedule;
    private readonly NetworkState _state;
    private readonly double[] _gradient;
    private readonly bool _fullBatch, _singleSample;
    private readonly double[]? _rowMaxAbs; // b = 1 only
    private readonly double _constantGamma;
    private readonly LabelNoise? _labelNoise;
    private bool _gradientFresh;
    private int _current = -1;
    private double _dotCurrent;

    public SimdStepper(UvModel model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, LabelNoise? labelNoise = null)
    {
        _labelNoise = labelNoise;
        _design = design;
        _sampler = sampler;
        _schedule = schedule;
        _state = new NetworkState(model.WPlus0, model.WMinus0, model.LnA0, design.Stride, CacheAligned.Doubles);
        _gradient = CacheAligned.Doubles(design.Stride);
        _fullBatch = sampler.IsFullBatch;
        _singleSample = sampler.BatchSize == 1 && !_fullBatch;
        if (_singleSample)
        {
            _current = sampler.Next()[0];
            _dotCurrent = Kernels.Dot(design.Row(_current), _state.Beta);
            _rowMaxAbs = design.RowMaxAbs;
            _constantGamma = schedule.ConstantGamma ?? 0;
        }
    }

    public ReadOnlySpan<double> Beta => _state.Beta.AsSpan(0, _state.D);

    public double Loss()
    {
        if (!_fullBatch) return _design.Loss(_state.Beta);
        _gradientFresh = true;
        return Kernels.BatchGradientSum(_design, _sampler.Next(), _state.Beta, _gradient) / (2.0 * _design.N);
    }

    public bool Advance(long k, long until, ref StepCounters counters, out double lossAtUntil)
    {
        lossAtUntil = double.NaN;
        if (_singleSample)
        {
            Kernels.SingleSampleSteps(_design, _state, _sampler, _schedule, _constantGamma, _rowMaxAbs!, k, until,
                ref _current, ref _dotCurrent, ref counters.SingularSteps, ref counters.MaxStepGradient);
            return false;
        }
        for (; k < until; k++)
        {
            counters.Record(GradientSumStep(k));
            if ((k + 1) % Trainer.RenormalizeEvery == 0) _state.Renormalize();
        }
        if (!_fullBatch) return false;
        // GD evaluates the loss at every step: the next gradient sum gives it (and the next step's direction).
        lossAtUntil = Loss();
        return true;
    }

    /// <inheritdoc cref="IStepper.AdvanceObserved"/>
    public long AdvanceObserved(long k, long until, RunControl control, ref StepCounters counters, out double lossAtReached, out RunStatus? stop)
    {
        var local = counters;
        while (true)
        {
            local.Record(GradientSumStep(k));
            k++;
            if (k % Trainer.RenormalizeEvery == 0) _state.Renormalize();
            double loss = Loss();
            stop = k < until ? control.ObserveStep(k, loss) : null;
            if (stop is not null || k >= until)
            {
                counters = local;
                lossAtReached = loss;
                return k;
            }
        }
    }

    /// <summary>
    /// Step k of a run on gradient sums (b > 1): the batch's sum (for GD the one the last <see cref="Loss"/> computed,
    /// where it is still fresh), label noise, the update; returns max_i |gamma g_i|.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double GradientSumStep(long k)
    {
        double gamma = _schedule.At(k);
        if (_fullBatch)
        {
            if (!_gradientFresh) Kernels.BatchGradientSum(_design, _sampler.Next(), _state.Beta, _gradient);
            _gradientFresh = false;
            if (_labelNoise is not null) AddLabelNoise(_sampler.Next());
            return Kernels.Update(_gradient, gamma / _design.N, _state);
        }
        var batch = _sampler.Next();
        Kernels.BatchGradientSum(_design, batch, _state.Beta, _gradient);
        if (_labelNoise is not null) AddLabelNoise(batch);
        return Kernels.Update(_gradient, gamma / _sampler.BatchSize, _state);
    }

    /// <summary>
    /// Label-noise SGD: the gradient sum against the labels y_j + delta xi_j is the clean one minus sum_j delta xi_j x_j,
    /// the noise drawn in batch order (as the Reference draws it).
    /// </summary>
    private void AddLabelNoise(ReadOnlySpan<int> batch)
    {
        foreach (int j in batch)
        {
            double noise = _labelNoise!.Next();
            var x = _design.Row(j);
            for (int i = 0; i < x.Length; i++) _gradient[i] -= noise * x[i];
        }
    }

    public double GainL1() => _state.GainL1();

    /// <summary>Renormalises (exactly) and reads the implicit-bias quantities off the rotated state.</summary>
    public EffectiveInitialization? ReadOut()
    {
        _state.Renormalize();
        return _state.EffectiveInitialization();
    }
}
