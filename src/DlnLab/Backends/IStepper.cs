using DlnLab.Theory;
using DlnLab.Training;

namespace DlnLab.Backends;

/// <summary>
/// One run's state on one backend, advanced by the training loop. The loop decides everything else (when to evaluate
/// the loss, checkpoint, stop, cancel); a stepper only steps, evaluates and reads out.
/// </summary>
internal interface IStepper
{
    /// <summary>
    /// The training loss L(beta_k) = 1/(2n) ||X beta_k - y||^2 at the current iterate. A full-batch stepper may compute
    /// the step's gradient with it and use it for the next <see cref="Advance"/>.
    /// </summary>
    double Loss();

    /// <summary>
    /// Steps k, k + 1, ..., <paramref name="until"/> - 1 (until > k), recording each step's max_i |gamma g_i| in
    /// <paramref name="counters"/>. A state kept as values times powers of two is brought back to range after each
    /// step count that is a multiple of the cadence the loop gave at creation. Returns true when it evaluated
    /// <see cref="Loss"/> at step <paramref name="until"/> on the way (a full-batch stepper computes the next gradient,
    /// and the loss with it, at the end of a call), giving it in <paramref name="lossAtUntil"/>.
    /// </summary>
    bool Advance(long k, long until, ref StepCounters counters, out double lossAtUntil);

    /// <summary>
    /// Full batch (GD), whose loss is observed at every step: steps from <paramref name="k"/> as <see cref="Advance"/>
    /// does, one step at a time, giving the loss at each step reached before <paramref name="until"/> to
    /// <paramref name="control"/> (<see cref="RunControl.ObserveStep"/>), and stops at the first one it stops the run
    /// at (<paramref name="stop"/>) or at <paramref name="until"/> (<paramref name="stop"/> null, that step's loss not
    /// yet observed). Returns the step reached, its loss in <paramref name="lossAtReached"/>. The same steps and
    /// evaluations as the loop calling <see cref="Advance"/> step by step; a stepper may do them without that call.
    /// </summary>
    long AdvanceObserved(long k, long until, RunControl control, ref StepCounters counters, out double lossAtReached, out RunStatus? stop)
    {
        while (true)
        {
            double loss = Advance(k, k + 1, ref counters, out double offered) ? offered : Loss();
            k++;
            stop = k < until ? control.ObserveStep(k, loss) : null;
            if (stop is not null || k >= until)
            {
                lossAtReached = loss;
                return k;
            }
        }
    }

    /// <summary>beta_k (length d), valid until the next <see cref="Advance"/>.</summary>
    ReadOnlySpan<double> Beta { get; }

    /// <summary>||Gain||_1 at the current step (for checkpoints), NaN for a model without a gain.</summary>
    double GainL1();

    /// <summary>The implicit-bias quantities at the current step, or null for a model they do not apply to.</summary>
    EffectiveInitialization? ReadOut();
}
