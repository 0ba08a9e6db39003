using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// The lockstep trainer's fast path for the common step: across the eight lanes, a lane whose loss is finite, at most its
/// divergence limit, above its tolerance and at most its running minimum, with a constant stepsize and no checkpoint or
/// budget end at this step, needs nothing of its <see cref="LossMonitor"/> but the new running minimum. Such losses are
/// not observed one by one; the last of them (the running minimum) is observed before the lane's next ordinary step.
/// </summary>
/// <remarks>
/// The catch-up leaves the monitor as observing every loss would: the skipped losses never rose above the running
/// minimum, so no rise ratio or bounce is missed, and none converged or diverged. Without quiet steps since the last
/// observed loss, the running minimum is the monitor's own, and observing it again changes nothing but the monitor's
/// last loss, which the step's own loss replaces at once; so the catch-up needs no record of whether quiet steps came.
/// </remarks>
internal sealed class QuietLanes
{
    private readonly double[] _runningMinimum, _tolerance, _divergenceLimit, _quietUntil;

    public QuietLanes()
    {
        _runningMinimum = CacheAligned.Doubles(LockstepState.Lanes);
        Array.Fill(_runningMinimum, double.PositiveInfinity);
        _tolerance = CacheAligned.Doubles(LockstepState.Lanes);
        _divergenceLimit = CacheAligned.Doubles(LockstepState.Lanes);
        _quietUntil = CacheAligned.Doubles(LockstepState.Lanes);
    }

    /// <summary>The stop rules of a lane's run, from its monitor.</summary>
    public void Set(int lane, LossMonitor monitor)
    {
        _tolerance[lane] = monitor.Tolerance;
        // At most the largest double, so a loss at or below it is finite as well.
        _divergenceLimit[lane] = Math.Min(monitor.DivergenceLimit, double.MaxValue);
    }

    /// <summary>
    /// The bit mask of the lanes whose step <paramref name="k"/> is quiet; their running minima take the loss.
    /// </summary>
    public uint Quiet(long k, double[] loss) =>
        Vector512.IsHardwareAccelerated ? Quiet<Octet512>(k, loss)
        : Vector256.IsHardwareAccelerated ? Quiet<Octet256>(k, loss)
        : Vector128.IsHardwareAccelerated ? Quiet<Octet128>(k, loss) : Quiet<OctetScalar>(k, loss);

    /// <summary><see cref="Quiet"/> at the width of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal uint Quiet<T>(long k, double[] loss) where T : struct, IOctet<T>
    {
        var l = Lanes<T>(loss);
        ref double minimumAt = ref MemoryMarshal.GetArrayDataReference(_runningMinimum);
        var minimum = T.Load(ref minimumAt, 0);
        // A NaN loss fails every comparison (and a NaN limit, from a NaN initial loss, every lane).
        var quiet = T.LessThanOrEqual(l, T.MinNative(minimum, Lanes<T>(_divergenceLimit)))
            & T.GreaterThan(l, Lanes<T>(_tolerance))
            & T.LessThan(T.Create(k), Lanes<T>(_quietUntil));
        T.ConditionalSelect(quiet, l, minimum).Store(ref minimumAt, 0);
        return T.ExtractMostSignificantBits(quiet);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Lanes<T>(double[] values) where T : struct, IOctet<T> => T.Load(ref MemoryMarshal.GetArrayDataReference(values), 0);

    /// <summary>
    /// Before a lane's loss of an ordinary step is observed (by its <see cref="RunControl"/>): the catch-up, once a
    /// loss has been seen, and the running minimum taking the loss.
    /// </summary>
    public void CatchUp(int lane, LossMonitor monitor, double loss, long k)
    {
        if (double.IsFinite(_runningMinimum[lane])) monitor.Observe(_runningMinimum[lane], k);
        if (loss < _runningMinimum[lane]) _runningMinimum[lane] = loss;
    }

    /// <summary>Steps before <paramref name="until"/> may be quiet (0: none, for a varying stepsize).</summary>
    public void QuietUntil(int lane, long until) => _quietUntil[lane] = until;

    public void Move(int from, int to)
    {
        _runningMinimum[to] = _runningMinimum[from];
        _tolerance[to] = _tolerance[from];
        _divergenceLimit[to] = _divergenceLimit[from];
        _quietUntil[to] = _quietUntil[from];
    }
}
