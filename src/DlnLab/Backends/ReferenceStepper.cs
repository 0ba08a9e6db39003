using DlnLab.Models;
using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// A run on the <see cref="ReferenceBackend"/>, with the labels of each batch noisy for label-noise SGD and heavy-ball
/// momentum when asked. Without momentum, for the uv model it also accumulates, step by step, t = gamma g and
/// ln|1 ∓ t| per coordinate, so its read-out is ln|w±_k| = ln|w±_0| + sum_j ln|1 ∓ t_j| and S_k = sum_j t_j: the
/// products MATH.md's rotated form says the state holds, computed here without it (with momentum there is no read-out).
/// </summary>
internal sealed class ReferenceStepper : IStepper
{
    private readonly Model _model;
    private readonly PaddedDesign _design;
    private readonly BatchSampler _sampler;
    private readonly StepsizeSchedule _schedule;
    private readonly double[] _first, _second, _beta, _gradient;
    private readonly double[]? _sumT, _lnPlus, _lnMinus;
    private readonly LabelNoise? _labelNoise;
    private readonly double _momentum;
    private readonly double[]? _previousFirst, _previousSecond;

    public ReferenceStepper(Model model, PaddedDesign design, BatchSampler sampler, StepsizeSchedule schedule, LabelNoise? labelNoise = null,
        double momentum = 0)
    {
        if (model.D != design.D) throw new ArgumentException($"the model has d = {model.D} but the design {design.D}", nameof(model));
        _model = model;
        _design = design;
        _sampler = sampler;
        _schedule = schedule;
        _labelNoise = labelNoise;
        _momentum = momentum;
        (_first, _second) = model.Start();
        int d = model.D;
        _beta = new double[d];
        _gradient = new double[d];
        if (momentum != 0)
        {
            // theta_{-1} = theta_0: the first step is a plain one.
            _previousFirst = (double[])_first.Clone();
            _previousSecond = (double[])_second.Clone();
        }
        // The read-out's products hold for the multiplicative update only: none with momentum.
        else if (model is UvModel uv)
        {
            _sumT = new double[d];
            _lnPlus = uv.WPlus0.Select(w => Math.Log(Math.Abs(w))).ToArray();
            _lnMinus = uv.WMinus0.Select(w => Math.Log(Math.Abs(w))).ToArray();
        }
        UpdateBeta();
    }

    public ReadOnlySpan<double> Beta => _beta;

    /// <summary>The first textbook parameter of each coordinate (u, or w+).</summary>
    internal ReadOnlySpan<double> First => _first;

    /// <summary>The second textbook parameter of each coordinate (v, or w-).</summary>
    internal ReadOnlySpan<double> Second => _second;

    public double Loss()
    {
        double sum = 0;
        for (int j = 0; j < _design.N; j++)
        {
            double r = Residual(j);
            sum += r * r;
        }
        return sum / (2.0 * _design.N);
    }

    public bool Advance(long k, long until, ref StepCounters counters, out double lossAtUntil)
    {
        lossAtUntil = double.NaN;
        int d = _model.D;
        for (; k < until; k++)
        {
            var batch = _sampler.Next();
            Array.Clear(_gradient);
            foreach (int j in batch)
            {
                // Label-noise SGD: the residual against the noisy label y_j + delta xi.
                double r = _labelNoise is null ? Residual(j) : Residual(j) - _labelNoise.Next();
                var x = _design.Row(j);
                for (int i = 0; i < d; i++) _gradient[i] += r * x[i] / batch.Length;
            }
            double gamma = _schedule.At(k);
            double maxAbs = 0;
            for (int i = 0; i < d; i++)
            {
                double t = gamma * _gradient[i];
                maxAbs = double.IsNaN(t) || double.IsNaN(maxAbs) ? double.NaN : Math.Max(maxAbs, Math.Abs(t));
                var (first, second) = _model.Step(_first[i], _second[i], gamma, _gradient[i]);
                if (_previousFirst is not null)
                {
                    // Heavy ball: plus M (theta_k - theta_{k-1}).
                    first += _momentum * (_first[i] - _previousFirst[i]);
                    second += _momentum * (_second[i] - _previousSecond![i]);
                    _previousFirst[i] = _first[i];
                    _previousSecond[i] = _second[i];
                }
                (_first[i], _second[i]) = (first, second);
                if (_sumT is not null)
                {
                    _sumT[i] += t;
                    _lnPlus![i] += Math.Log(Math.Abs(1 - t));
                    _lnMinus![i] += Math.Log(Math.Abs(1 + t));
                }
            }
            counters.Record(maxAbs);
            UpdateBeta();
        }
        return false;
    }

    public double GainL1() => ReadOut()?.GainL1 ?? double.NaN;

    public EffectiveInitialization? ReadOut() =>
        _model is UvModel uv && _sumT is not null ? uv.ReadOut(_lnPlus, _lnMinus, _sumT) : null;

    private double Residual(int j)
    {
        var x = _design.Row(j);
        double r = -_design.Y[j];
        for (int i = 0; i < _model.D; i++) r += _beta[i] * x[i];
        return r;
    }

    private void UpdateBeta()
    {
        for (int i = 0; i < _model.D; i++) _beta[i] = _model.Beta(_first[i], _second[i]);
    }
}
