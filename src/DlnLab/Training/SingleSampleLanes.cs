using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlnLab.LinearAlgebra;

namespace DlnLab.Training;

/// <summary>
/// Up to eight b = 1 SGD runs on one design with their states runs-innermost: entry i * 8 + r of each array is
/// coordinate i of lane r, so one 512-bit operation updates one coordinate of all eight runs, and eight steps'
/// dependency chains (residual, update, next residual) are in flight at once. Each lane performs exactly the operations
/// of its single run (<see cref="Kernels.SingleSampleSteps"/> at 512 bits) in the same order: the single run sums
/// &lt;x_next, beta'&gt; in one accumulator whose lane c takes the coordinates i = c mod 8 in increasing order and then
/// combines the accumulator's lanes as <see cref="IOctet{T}.SumLanes"/> does; here accumulator c holds that lane for
/// all runs, and the eight are combined in the same tree. So every lane's iterates, counts and maxima are the same bits
/// as its single run's. The rows of the lanes' samples come in by gathers, the next row while the current one is used.
/// </summary>
internal sealed unsafe class SingleSampleLanes
{
    /// <summary>Lanes of one block: the doubles of a 512-bit vector.</summary>
    public const int Count = 8;

    /// <summary>Whether this processor runs the block: 512-bit vectors and the AVX2 gathers.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx2.IsSupported;

    private readonly int _d, _stride;
    private readonly double[] _wPlus, _wMinus, _sum, _plusScale, _minusScale, _beta;
    private readonly int[] _plusExponent, _minusExponent;
    /// <summary>Row x_j of each lane's current sample j, runs-innermost: filled by the previous step's gathers.</summary>
    private readonly double[] _x;
    private readonly double[] _dot = new double[Count], _y = new double[Count], _rowMax = new double[Count], _gamma = new double[Count];
    private readonly double[] _maxStep = new double[Count];
    private readonly long[] _singular = new long[Count];
    private readonly int[] _current = new int[Count], _next = new int[Count];

    /// <summary>A block of eight idle lanes (no state, stepsize 0) for rows of <paramref name="design"/>.</summary>
    public SingleSampleLanes(PaddedDesign design)
    {
        _d = design.D;
        _stride = design.Stride;
        int length = _stride * Count;
        _wPlus = CacheAligned.Doubles(length);
        _wMinus = CacheAligned.Doubles(length);
        _sum = CacheAligned.Doubles(length);
        _plusScale = CacheAligned.Doubles(length);
        _minusScale = CacheAligned.Doubles(length);
        _beta = CacheAligned.Doubles(length);
        _x = CacheAligned.Doubles(length);
        _plusExponent = new int[length];
        _minusExponent = new int[length];
        for (int lane = 0; lane < Count; lane++) Clear(lane);
    }

    /// <summary>Lane <paramref name="lane"/> takes over the run's state, sample, residual and counts.</summary>
    public void Load(int lane, SingleSampleLockstep.Lane run, PaddedDesign design, double[] rowMaxAbs)
    {
        var s = run.State;
        for (int i = 0; i < _stride; i++)
        {
            int e = i * Count + lane;
            _wPlus[e] = s.WPlus[i];
            _wMinus[e] = s.WMinus[i];
            _sum[e] = s.SumStepGradient[i];
            _plusScale[e] = s.PlusScaleSquared[i];
            _minusScale[e] = s.MinusScaleSquared[i];
            _beta[e] = s.Beta[i];
            _plusExponent[e] = s.PlusExponent[i];
            _minusExponent[e] = s.MinusExponent[i];
            _x[e] = design.X[run.Current * _stride + i];
        }
        _current[lane] = run.Current;
        _dot[lane] = run.Dot;
        _y[lane] = design.Y[run.Current];
        _rowMax[lane] = rowMaxAbs[run.Current];
        _gamma[lane] = run.ConstantGamma;
        _singular[lane] = run.SingularSteps;
        _maxStep[lane] = run.MaxStepGradient;
    }

    /// <summary>Copies lane <paramref name="lane"/> back into the run (its state, sample, residual and counts).</summary>
    public void Store(int lane, SingleSampleLockstep.Lane run)
    {
        var s = run.State;
        for (int i = 0; i < _stride; i++)
        {
            int e = i * Count + lane;
            s.WPlus[i] = _wPlus[e];
            s.WMinus[i] = _wMinus[e];
            s.SumStepGradient[i] = _sum[e];
            s.PlusScaleSquared[i] = _plusScale[e];
            s.MinusScaleSquared[i] = _minusScale[e];
            s.Beta[i] = _beta[e];
            s.PlusExponent[i] = _plusExponent[e];
            s.MinusExponent[i] = _minusExponent[e];
        }
        run.Current = _current[lane];
        run.Dot = _dot[lane];
        run.SingularSteps = _singular[lane];
        run.MaxStepGradient = _maxStep[lane];
    }

    /// <summary>Lane <paramref name="to"/> takes lane <paramref name="from"/>'s run; <paramref name="from"/> becomes idle.</summary>
    public void Move(int from, int to)
    {
        for (int i = 0; i < _stride; i++)
        {
            int a = i * Count + from, b = i * Count + to;
            _wPlus[b] = _wPlus[a];
            _wMinus[b] = _wMinus[a];
            _sum[b] = _sum[a];
            _plusScale[b] = _plusScale[a];
            _minusScale[b] = _minusScale[a];
            _beta[b] = _beta[a];
            _plusExponent[b] = _plusExponent[a];
            _minusExponent[b] = _minusExponent[a];
            _x[b] = _x[a];
        }
        _current[to] = _current[from];
        _dot[to] = _dot[from];
        _y[to] = _y[from];
        _rowMax[to] = _rowMax[from];
        _gamma[to] = _gamma[from];
        _singular[to] = _singular[from];
        _maxStep[to] = _maxStep[from];
        Clear(from);
    }

    /// <summary>
    /// An idle lane: w+ = w- = 1, beta = 0, x = 0 and stepsize 0, so its steps are finite no-ops on row 0; the kernels
    /// step all eight lanes whatever the number of runs.
    /// </summary>
    public void Clear(int lane)
    {
        for (int i = 0; i < _stride; i++)
        {
            int e = i * Count + lane;
            _wPlus[e] = _wMinus[e] = _plusScale[e] = _minusScale[e] = 1;
            _sum[e] = _beta[e] = _x[e] = 0;
            _plusExponent[e] = _minusExponent[e] = 0;
        }
        _current[lane] = _next[lane] = 0;
        _dot[lane] = _y[lane] = _rowMax[lane] = _gamma[lane] = _maxStep[lane] = 0;
        _singular[lane] = 0;
    }

    /// <summary>
    /// Steps k, k + 1, ... up to <paramref name="until"/> (at least one) of lanes 0 to <paramref name="count"/> - 1, lane r
    /// being <paramref name="runs"/>[r] (its sampler and stepsize schedule); returns the new step count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Steps(PaddedDesign design, SingleSampleLockstep.Lane[] runs, int count, double[] rowMaxAbs, long k, long until)
    {
        bool constant = true;
        for (int r = 0; r < count; r++) constant &= runs[r].ConstantGamma > 0;
        int stride = _stride;
        var strideVector = Vector256.Create(stride);
        var dot = Vector512.LoadUnsafe(ref _dot[0]);
        var y = Vector512.LoadUnsafe(ref _y[0]);
        var rowMax = Vector512.LoadUnsafe(ref _rowMax[0]);
        var gamma = Vector512.LoadUnsafe(ref _gamma[0]);
        var maxStep = Vector512.LoadUnsafe(ref _maxStep[0]);
        var singular = Vector512.LoadUnsafe(ref _singular[0]);
        var current = Vector256.LoadUnsafe(ref _current[0]);
        fixed (double* px = design.X, py = design.Y, pRowMax = rowMaxAbs, pWPlus = _wPlus, pWMinus = _wMinus, pSum = _sum,
               pPlus = _plusScale, pMinus = _minusScale, pBeta = _beta, pXCurrent = _x)
        fixed (int* pNext = _next)
        {
            do
            {
                if (!constant)
                    for (int r = 0; r < count; r++) _gamma[r] = runs[r].ConstantGamma > 0 ? runs[r].ConstantGamma : runs[r].Options.Stepsize.At(k);
                if (!constant) gamma = Vector512.LoadUnsafe(ref _gamma[0]);
                for (int r = 0; r < count; r++) pNext[r] = runs[r].Sampler.NextSingle();
                var next = Vector256.Load(pNext);
                var rows = next * strideVector;
                var scale = gamma * (dot - y);
                dot = Update(stride, scale, px, rows.GetLower(), rows.GetUpper(), pWPlus, pWMinus, pSum, pPlus, pMinus, pBeta, pXCurrent);
                // max_i |t_i| = |scale| max_i |x_i| for a finite scale (Kernels.SingleSampleMaxStep), else the exact rule.
                var m = Vector512.Abs(scale) * rowMax;
                uint nonFinite = (uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(scale - scale, Vector512<double>.Zero));
                if (nonFinite != 0) m = ExactMaxSteps(m, scale, current, design, nonFinite);
                singular -= Vector512.GreaterThanOrEqual(m, Vector512<double>.One).AsInt64();
                maxStep = Vector512.ConditionalSelect(Vector512.GreaterThan(m, maxStep) | ~Vector512.Equals(m, m), m, maxStep);
                y = Gather(py, next.GetLower(), next.GetUpper());
                rowMax = Gather(pRowMax, next.GetLower(), next.GetUpper());
                current = next;
                k++;
                if (k % Trainer.RenormalizeEvery == 0) Renormalize();
            } while (k < until);
        }
        dot.StoreUnsafe(ref _dot[0]);
        y.StoreUnsafe(ref _y[0]);
        rowMax.StoreUnsafe(ref _rowMax[0]);
        maxStep.StoreUnsafe(ref _maxStep[0]);
        singular.StoreUnsafe(ref _singular[0]);
        current.StoreUnsafe(ref _current[0]);
        return k;
    }

    /// <summary>
    /// The rotated update of all lanes with t = scale * x (x the rows held in <paramref name="pXCurrent"/>), gathering the
    /// next rows (offsets <paramref name="rowsLower"/>, <paramref name="rowsUpper"/>) into their place; returns
    /// &lt;x_next, beta'&gt; of each lane in the single run's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Update(int stride, Vector512<double> scale, double* px, Vector128<int> rowsLower, Vector128<int> rowsUpper,
        double* pWPlus, double* pWMinus, double* pSum, double* pPlus, double* pMinus, double* pBeta, double* pXCurrent)
    {
        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int i = 0; i < stride; i += 8)
        {
            nint e = (nint)i * Count;
            s0 = Coordinate(scale, px + i, rowsLower, rowsUpper, pWPlus + e, pWMinus + e, pSum + e, pPlus + e, pMinus + e, pBeta + e, pXCurrent + e, s0);
            s1 = Coordinate(scale, px + i + 1, rowsLower, rowsUpper, pWPlus + e + 8, pWMinus + e + 8, pSum + e + 8, pPlus + e + 8, pMinus + e + 8, pBeta + e + 8, pXCurrent + e + 8, s1);
            s2 = Coordinate(scale, px + i + 2, rowsLower, rowsUpper, pWPlus + e + 16, pWMinus + e + 16, pSum + e + 16, pPlus + e + 16, pMinus + e + 16, pBeta + e + 16, pXCurrent + e + 16, s2);
            s3 = Coordinate(scale, px + i + 3, rowsLower, rowsUpper, pWPlus + e + 24, pWMinus + e + 24, pSum + e + 24, pPlus + e + 24, pMinus + e + 24, pBeta + e + 24, pXCurrent + e + 24, s3);
            s4 = Coordinate(scale, px + i + 4, rowsLower, rowsUpper, pWPlus + e + 32, pWMinus + e + 32, pSum + e + 32, pPlus + e + 32, pMinus + e + 32, pBeta + e + 32, pXCurrent + e + 32, s4);
            s5 = Coordinate(scale, px + i + 5, rowsLower, rowsUpper, pWPlus + e + 40, pWMinus + e + 40, pSum + e + 40, pPlus + e + 40, pMinus + e + 40, pBeta + e + 40, pXCurrent + e + 40, s5);
            s6 = Coordinate(scale, px + i + 6, rowsLower, rowsUpper, pWPlus + e + 48, pWMinus + e + 48, pSum + e + 48, pPlus + e + 48, pMinus + e + 48, pBeta + e + 48, pXCurrent + e + 48, s6);
            s7 = Coordinate(scale, px + i + 7, rowsLower, rowsUpper, pWPlus + e + 56, pWMinus + e + 56, pSum + e + 56, pPlus + e + 56, pMinus + e + 56, pBeta + e + 56, pXCurrent + e + 56, s7);
        }
        // Octet256.SumLanes of the single run's accumulator (lanes 0-3 plus lanes 4-7, then pairwise).
        var t0 = s0 + s4;
        var t1 = s1 + s5;
        var t2 = s2 + s6;
        var t3 = s3 + s7;
        return (t0 + t1) + (t2 + t3);
    }

    /// <summary>One coordinate of all lanes: Kernels.SingleSampleChunk512's operations on it, in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Coordinate(Vector512<double> scale, double* column, Vector128<int> rowsLower, Vector128<int> rowsUpper,
        double* pWPlus, double* pWMinus, double* pSum, double* pPlus, double* pMinus, double* pBeta, double* pXCurrent, Vector512<double> s)
    {
        var xNext = Gather(column, rowsLower, rowsUpper);
        var t = scale * Vector512.Load(pXCurrent);
        xNext.Store(pXCurrent);
        var wp = Vector512.Load(pWPlus) * (Vector512<double>.One - t);
        var wm = Vector512.Load(pWMinus) * (Vector512<double>.One + t);
        wp.Store(pWPlus);
        wm.Store(pWMinus);
        (Vector512.Load(pSum) + t).Store(pSum);
        var beta = Vector512.Create(0.5) * (wp * wp * Vector512.Load(pPlus) - wm * wm * Vector512.Load(pMinus));
        beta.Store(pBeta);
        return Vector512.FusedMultiplyAdd(xNext, beta, s);
    }

    /// <summary>Eight doubles at base[offset_r] (lanes 0-3 from <paramref name="lower"/>, 4-7 from <paramref name="upper"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Gather(double* baseAddress, Vector128<int> lower, Vector128<int> upper) =>
        Vector512.Create(Avx2.GatherVector256(baseAddress, lower, 8), Avx2.GatherVector256(baseAddress, upper, 8));

    /// <summary>The exact rule (<see cref="Kernels.SingleSampleMaxStep{T}"/>) for the lanes whose scale is not finite.</summary>
    private Vector512<double> ExactMaxSteps(Vector512<double> m, Vector512<double> scale, Vector256<int> current, PaddedDesign design, uint lanes)
    {
        Span<double> values = stackalloc double[Count];
        m.CopyTo(values);
        for (int r = 0; r < Count; r++)
            if ((lanes >> r & 1) != 0)
                values[r] = Kernels.SingleSampleMaxStep<Octet512>(scale[r], double.NaN, ref design.X[current[r] * _stride], (nuint)_stride);
        return Vector512.Create<double>(values);
    }

    /// <summary>
    /// <see cref="NetworkState.Renormalize()"/> of every lane: the scalar rule on each of the first d coordinates, skipped
    /// where all eight lanes' w+ and w- are in range (where the rule changes nothing).
    /// </summary>
    private void Renormalize()
    {
        var lowest = Vector512.Create(NetworkState.LowestInRange);
        var beyond = Vector512.Create(NetworkState.BeyondRange);
        for (int i = 0; i < _d; i++)
        {
            int e = i * Count;
            var p = Vector512.Abs(Vector512.LoadUnsafe(ref _wPlus[e]));
            var q = Vector512.Abs(Vector512.LoadUnsafe(ref _wMinus[e]));
            var inRange = Vector512.GreaterThanOrEqual(p, lowest) & Vector512.LessThan(p, beyond)
                & Vector512.GreaterThanOrEqual(q, lowest) & Vector512.LessThan(q, beyond);
            if (Vector512.ExtractMostSignificantBits(inRange) == 0xFF) continue;
            for (int r = e; r < e + Count; r++)
            {
                NetworkState.Renormalize(ref _wPlus[r], ref _plusExponent[r], ref _plusScale[r]);
                NetworkState.Renormalize(ref _wMinus[r], ref _minusExponent[r], ref _minusScale[r]);
            }
        }
    }
}
