using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlnLab.LinearAlgebra;
using DlnLab.Randomness;

namespace DlnLab.Training;

/// <summary>
/// Up to eight b = 1 SGD runs on one design with their states runs-innermost: entry i * 8 + r of each array is
/// coordinate i of lane r, so one 512-bit operation updates one coordinate of all eight runs, and eight steps'
/// dependency chains (residual, update, next residual) are in flight at once. Each lane performs exactly the operations
/// of its single run (<see cref="Kernels.SingleSampleSteps"/> at 512 bits) in the same order: the single run sums
/// &lt;x_next, beta'&gt; in one accumulator whose lane c takes the coordinates i = c mod 8 in increasing order and then
/// combines the accumulator's lanes as <see cref="IOctet{T}.SumLanes"/> does; here accumulator c holds that lane for
/// all runs, and the eight are combined in the same tree. A product by a stored scale that is 1 everywhere is skipped
/// (exact). So every lane's iterates, counts and maxima are the same bits as its single run's. The lanes' rows come
/// from X transposed (column i of X contiguous): for n up to 32 by permutes of the column held in registers, beyond by
/// gathers, each entry once per step (the next samples' entries, kept, are the current ones of the following
/// step). The samples of up to 64 steps are drawn before those steps are taken, so no step waits on its draw; beta is
/// not stored by the steps but computed from w+ and w- where a lane is read (<see cref="Store"/>), with the step's
/// operations. Uniform draws are taken for all lanes at once (<see cref="Xoshiro256Lanes"/>), each lane's the draws of its
/// own sampler.
/// </summary>
internal sealed unsafe class SingleSampleLanes
{
    /// <summary>Lanes of one block: the doubles of a 512-bit vector.</summary>
    public const int Count = 8;

    /// <summary>Whether this processor runs the block: 512-bit vectors, AVX-512F permutes and the AVX2 gathers.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx2.IsSupported;

    private readonly int _n, _d, _stride;
    /// <summary>Doubles per column of <see cref="_columns"/>: n rounded up to 8, 16 or 32, or to a multiple of 8 beyond.</summary>
    private readonly int _columnLength;
    /// <summary>X transposed: column i of X at [i * _columnLength, ...), zeros past n.</summary>
    private readonly double[] _columns;
    private readonly double[] _wPlus, _wMinus, _sum, _plusScale, _minusScale;
    /// <summary>
    /// The current samples' entries of every column (entry i * 8 + r: x_{j_r, i}), picked in the step before as the
    /// next samples' (an entry is picked once per step, not twice).
    /// </summary>
    private readonly double[] _picked;
    /// <summary>
    /// Steps drawn ahead at a time: the samples (as longs), labels, row maxima and stepsizes of up to this many steps,
    /// entry s * 8 + r for lane r at the s-th step, drawn before the steps are taken, so that no step waits on its
    /// draw.
    /// </summary>
    private const int Ahead = 64;
    private readonly double[] _aheadSamples = CacheAligned.Doubles(Ahead * Count), _aheadLabels = CacheAligned.Doubles(Ahead * Count),
        _aheadRowMax = CacheAligned.Doubles(Ahead * Count), _aheadGamma = CacheAligned.Doubles(Ahead * Count);
    private readonly int[] _plusExponent, _minusExponent;
    /// <summary>Whether every stored scale 4^e is 1, so the products by them can be skipped (exactly).</summary>
    private bool _unitScales;
    private readonly double[] _dot = new double[Count], _y = new double[Count], _rowMax = new double[Count], _gamma = new double[Count];
    private readonly double[] _maxStep = new double[Count];
    private readonly long[] _singular = new long[Count], _current = new long[Count];
    private Xoshiro256Lanes _generators;
    private readonly int[]?[] _permutations = new int[Count][];
    /// <summary>Whether every run's batches are uniform draws (else each lane draws through its own sampler).</summary>
    private bool _uniform = true;

    /// <summary>A block of eight idle lanes (no state, stepsize 0) for rows of <paramref name="design"/>.</summary>
    public SingleSampleLanes(PaddedDesign design)
    {
        _n = design.N;
        _d = design.D;
        _stride = design.Stride;
        _columnLength = _n <= 8 ? 8 : _n <= 16 ? 16 : _n <= 32 ? 32 : PaddedDesign.PaddedLength(_n);
        _columns = CacheAligned.Doubles(_stride * _columnLength);
        for (int j = 0; j < _n; j++)
            for (int i = 0; i < _stride; i++)
                _columns[i * _columnLength + j] = design.X[j * _stride + i];
        int length = _stride * Count;
        _wPlus = CacheAligned.Doubles(length);
        _wMinus = CacheAligned.Doubles(length);
        _sum = CacheAligned.Doubles(length);
        _plusScale = CacheAligned.Doubles(length);
        _minusScale = CacheAligned.Doubles(length);
        _picked = CacheAligned.Doubles(length);
        _plusExponent = new int[length];
        _minusExponent = new int[length];
        for (int lane = 0; lane < Count; lane++) Clear(lane);
    }

    /// <summary>Lane <paramref name="lane"/> takes over the run's state, sample, residual, counts and sampler.</summary>
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
            _plusExponent[e] = s.PlusExponent[i];
            _minusExponent[e] = s.MinusExponent[i];
        }
        _current[lane] = run.Current;
        _dot[lane] = run.Dot;
        _y[lane] = design.Y[run.Current];
        _rowMax[lane] = rowMaxAbs[run.Current];
        _gamma[lane] = run.ConstantGamma;
        _singular[lane] = run.SingularSteps;
        _maxStep[lane] = run.MaxStepGradient;
        _generators.Load(lane, run.Sampler.Generator);
        _permutations[lane] = run.Sampler.Permutation;
        _uniform &= run.Sampler.IsUniform;
        _unitScales = AllUnitScales();
    }

    /// <summary>Copies lane <paramref name="lane"/> back into the run (its state, sample, residual, counts and sampler).</summary>
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
            // beta as the step computes it (with unit scales the product by them changes nothing).
            s.Beta[i] = 0.5 * (_wPlus[e] * _wPlus[e] * _plusScale[e] - _wMinus[e] * _wMinus[e] * _minusScale[e]);
            s.PlusExponent[i] = _plusExponent[e];
            s.MinusExponent[i] = _minusExponent[e];
        }
        run.Current = (int)_current[lane];
        run.Dot = _dot[lane];
        run.SingularSteps = _singular[lane];
        run.MaxStepGradient = _maxStep[lane];
        // Where the runs draw through their own samplers (epochs), the block's copies of the generators are stale.
        if (_uniform) _generators.Store(lane, ref run.Sampler.Generator);
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
            _plusExponent[b] = _plusExponent[a];
            _minusExponent[b] = _minusExponent[a];
        }
        _current[to] = _current[from];
        _dot[to] = _dot[from];
        _y[to] = _y[from];
        _rowMax[to] = _rowMax[from];
        _gamma[to] = _gamma[from];
        _singular[to] = _singular[from];
        _maxStep[to] = _maxStep[from];
        _generators.Move(from, to);
        _permutations[to] = _permutations[from];
        Clear(from);
    }

    /// <summary>
    /// An idle lane: w+ = w- = 1, beta = 0, sample 0, label 0, stepsize 0 and a seeded generator, so its steps are finite no-ops; the kernels
    /// step all eight lanes whatever the number of runs.
    /// </summary>
    public void Clear(int lane)
    {
        for (int i = 0; i < _stride; i++)
        {
            int e = i * Count + lane;
            _wPlus[e] = _wMinus[e] = _plusScale[e] = _minusScale[e] = 1;
            _sum[e] = 0;
            _plusExponent[e] = _minusExponent[e] = 0;
        }
        _current[lane] = 0;
        _dot[lane] = _y[lane] = _rowMax[lane] = _gamma[lane] = _maxStep[lane] = 0;
        _singular[lane] = 0;
        _permutations[lane] = null;
        // A working generator, whose draws nobody reads: an all-zero state would give 0 forever, which Lemire's
        // rejection step never accepts for a bound that does not divide 2^64.
        _generators.Load(lane, new Xoshiro256(0));
    }

    private bool AllUnitScales()
    {
        for (int e = 0; e < _plusScale.Length; e++)
            if (_plusScale[e] != 1 || _minusScale[e] != 1) return false;
        return true;
    }

    /// <summary>
    /// Steps k, k + 1, ... up to <paramref name="until"/> (at least one) of lanes 0 to <paramref name="count"/> - 1, lane r
    /// being <paramref name="runs"/>[r] (its sampler and stepsize schedule); returns the new step count.
    /// </summary>
    public long Steps(PaddedDesign design, SingleSampleLockstep.Lane[] runs, int count, double[] rowMaxAbs, long k, long until) =>
        _columnLength switch
        {
            8 => Steps<Within8>(design, runs, count, rowMaxAbs, k, until),
            16 => Steps<Within16>(design, runs, count, rowMaxAbs, k, until),
            32 => Steps<Within32>(design, runs, count, rowMaxAbs, k, until),
            _ => Steps<Gathered>(design, runs, count, rowMaxAbs, k, until),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Steps<TRows>(PaddedDesign design, SingleSampleLockstep.Lane[] runs, int count, double[] rowMaxAbs, long k, long until)
        where TRows : struct, IRowPicker
    {
        bool constant = true;
        for (int r = 0; r < count; r++) constant &= runs[r].ConstantGamma > 0;
        int stride = _stride, columnLength = _columnLength;
        var dot = Vector512.LoadUnsafe(ref _dot[0]);
        var gamma = Vector512.LoadUnsafe(ref _gamma[0]);
        var maxStep = Vector512.LoadUnsafe(ref _maxStep[0]);
        var singular = Vector512.LoadUnsafe(ref _singular[0]);
        var current = Vector512.LoadUnsafe(ref _current[0]);
        fixed (double* pColumns = _columns, pRowMax = rowMaxAbs, pWPlus = _wPlus, pWMinus = _wMinus, pSum = _sum, pPlus = _plusScale,
               pMinus = _minusScale, pPicked = _picked, pSamples = _aheadSamples, pLabels = _aheadLabels, pRowMaxes = _aheadRowMax,
               pGammas = _aheadGamma)
        {
            var y = Vector512.LoadUnsafe(ref _y[0]);
            var rowMax = Vector512.LoadUnsafe(ref _rowMax[0]);
            for (int i = 0; i < stride; i++) TRows.Pick(pColumns + i * columnLength, current).Store(pPicked + i * Count);
            do
            {
                int ahead = (int)Math.Min(Ahead, until - k);
                DrawAhead(design, runs, count, constant, k, ahead, rowMaxAbs);
                for (int step = 0; step < ahead; step++)
                {
                    int at = step * Count;
                    if (!constant) gamma = Vector512.Load(pGammas + at);
                    var next = Vector512.Load((long*)pSamples + at);
                    var scale = gamma * (dot - y);
                    dot = _unitScales
                        ? Update<TRows>(true, stride, columnLength, scale, pColumns, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus)
                        : Update<TRows>(false, stride, columnLength, scale, pColumns, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus);
                    // max_i |t_i| = |scale| max_i |x_i| for a finite scale (Kernels.SingleSampleMaxStep), else the exact rule.
                    var m = Vector512.Abs(scale) * rowMax;
                    uint nonFinite = (uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(scale - scale, Vector512<double>.Zero));
                    if (nonFinite != 0) m = ExactMaxSteps(m, scale, current, design, nonFinite);
                    singular -= Vector512.GreaterThanOrEqual(m, Vector512<double>.One).AsInt64();
                    maxStep = Vector512.ConditionalSelect(Vector512.GreaterThan(m, maxStep) | ~Vector512.Equals(m, m), m, maxStep);
                    y = Vector512.Load(pLabels + at);
                    rowMax = Vector512.Load(pRowMaxes + at);
                    current = next;
                    k++;
                    if (k % Trainer.RenormalizeEvery == 0) Renormalize();
                }
            } while (k < until);
            y.StoreUnsafe(ref _y[0]);
            rowMax.StoreUnsafe(ref _rowMax[0]);
        }
        dot.StoreUnsafe(ref _dot[0]);
        maxStep.StoreUnsafe(ref _maxStep[0]);
        singular.StoreUnsafe(ref _singular[0]);
        current.StoreUnsafe(ref _current[0]);
        return k;
    }

    /// <summary>
    /// The samples of steps k to k + <paramref name="steps"/> - 1 of every lane, with their labels, row maxima and (for a
    /// schedule that is not constant) the stepsizes at those steps; idle lanes get sample 0, label 0, stepsize 0. The
    /// draws are the single run's: drawn = permutation[j]; permutation[j] = permutation[0]; permutation[0] = drawn, as
    /// BatchSampler.NextSingle takes them, one step after another.
    /// </summary>
    private void DrawAhead(PaddedDesign design, SingleSampleLockstep.Lane[] runs, int count, bool constant, long k, int steps, double[] rowMaxAbs)
    {
        var samples = MemoryMarshal.Cast<double, long>(_aheadSamples.AsSpan());
        var labels = _aheadLabels;
        var rowMaxes = _aheadRowMax;
        var y = design.Y;
        if (_uniform)
        {
            var generators = _generators;
            var permutations = _permutations;
            int n = _n;
            for (int step = 0; step < steps; step++)
            {
                var draws = generators.NextBelow(n);
                int at = step * Count;
                for (int r = 0; r < count; r++)
                {
                    var permutation = permutations[r]!;
                    int j = (int)draws.GetElement(r);
                    int drawn = permutation[j];
                    permutation[j] = permutation[0];
                    permutation[0] = drawn;
                    samples[at + r] = drawn;
                }
            }
            _generators = generators;
        }
        else
            for (int step = 0; step < steps; step++)
                for (int r = 0; r < count; r++) samples[step * Count + r] = runs[r].Sampler.NextSingle();
        for (int step = 0; step < steps; step++)
        {
            int at = step * Count;
            for (int r = 0; r < count; r++)
            {
                long drawn = samples[at + r];
                labels[at + r] = y[drawn];
                rowMaxes[at + r] = rowMaxAbs[drawn];
            }
            for (int r = count; r < Count; r++)
            {
                samples[at + r] = 0;
                labels[at + r] = rowMaxes[at + r] = 0;
            }
        }
        if (constant) return;
        for (int step = 0; step < steps; step++)
            for (int r = 0; r < Count; r++)
                _aheadGamma[step * Count + r] = r >= count ? 0 : runs[r].ConstantGamma > 0 ? runs[r].ConstantGamma : runs[r].Options.Stepsize.At(k + step);
    }

    /// <summary>
    /// The rotated update of all lanes with t = scale * x_current (x_current from <paramref name="pPicked"/>), returning
    /// &lt;x_next, beta'&gt; of each lane in the single run's order and leaving x_next's entries in
    /// <paramref name="pPicked"/>; <paramref name="unitScales"/> (a constant where this is inlined) skips the products by
    /// the scales.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Update<TRows>(bool unitScales, int stride, int columnLength, Vector512<double> scale, double* pColumns,
        Vector512<long> next, double* pPicked, double* pWPlus, double* pWMinus, double* pSum, double* pPlus, double* pMinus)
        where TRows : struct, IRowPicker
    {
        Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        double* column = pColumns;
        for (int i = 0; i < stride; i += 8)
        {
            s0 = Coordinate<TRows>(unitScales, scale, column, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 0, s0);
            s1 = Coordinate<TRows>(unitScales, scale, column + columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 8, s1);
            s2 = Coordinate<TRows>(unitScales, scale, column + 2 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 16, s2);
            s3 = Coordinate<TRows>(unitScales, scale, column + 3 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 24, s3);
            s4 = Coordinate<TRows>(unitScales, scale, column + 4 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 32, s4);
            s5 = Coordinate<TRows>(unitScales, scale, column + 5 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 40, s5);
            s6 = Coordinate<TRows>(unitScales, scale, column + 6 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 48, s6);
            s7 = Coordinate<TRows>(unitScales, scale, column + 7 * columnLength, next, pPicked, pWPlus, pWMinus, pSum, pPlus, pMinus, 56, s7);
            column += 8 * columnLength;
            pPicked += 64;
            pWPlus += 64;
            pWMinus += 64;
            pSum += 64;
            pPlus += 64;
            pMinus += 64;
        }
        // Octet256.SumLanes of the single run's accumulator (lanes 0-3 plus lanes 4-7, then pairwise).
        var t0 = s0 + s4;
        var t1 = s1 + s5;
        var t2 = s2 + s6;
        var t3 = s3 + s7;
        return (t0 + t1) + (t2 + t3);
    }

    /// <summary>One coordinate of all lanes (offset <paramref name="e"/> in the state): Kernels.SingleSampleChunk512's operations on it, in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Coordinate<TRows>(bool unitScales, Vector512<double> scale, double* column, Vector512<long> next,
        double* pPicked, double* pWPlus, double* pWMinus, double* pSum, double* pPlus, double* pMinus, int e, Vector512<double> s)
        where TRows : struct, IRowPicker
    {
        var t = scale * Vector512.Load(pPicked + e);
        var wp = Vector512.Load(pWPlus + e) * (Vector512<double>.One - t);
        var wm = Vector512.Load(pWMinus + e) * (Vector512<double>.One + t);
        wp.Store(pWPlus + e);
        wm.Store(pWMinus + e);
        (Vector512.Load(pSum + e) + t).Store(pSum + e);
        var plus = wp * wp;
        var minus = wm * wm;
        if (!unitScales)
        {
            plus *= Vector512.Load(pPlus + e);
            minus *= Vector512.Load(pMinus + e);
        }
        var beta = Vector512.Create(0.5) * (plus - minus);
        var x = TRows.Pick(column, next);
        x.Store(pPicked + e);
        return Vector512.FusedMultiplyAdd(x, beta, s);
    }

    /// <summary>How the lanes' entries of one column of X (their samples' rows) are picked.</summary>
    private interface IRowPicker
    {
        /// <summary>column[rows[r]] in lane r.</summary>
        static abstract Vector512<double> Pick(double* column, Vector512<long> rows);
    }

    /// <summary>n at most 8: one permute of the column.</summary>
    private readonly struct Within8 : IRowPicker
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Pick(double* column, Vector512<long> rows) => Avx512F.PermuteVar8x64(Vector512.Load(column), rows);
    }

    /// <summary>n at most 16: one two-register permute.</summary>
    private readonly struct Within16 : IRowPicker
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Pick(double* column, Vector512<long> rows) =>
            Avx512F.PermuteVar8x64x2(Vector512.Load(column), rows, Vector512.Load(column + 8));
    }

    /// <summary>n at most 32: two two-register permutes (rows 0-15 and 16-31, by the low four bits) and a blend.</summary>
    private readonly struct Within32 : IRowPicker
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Pick(double* column, Vector512<long> rows) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(rows, Vector512.Create(15L)).AsDouble(),
                Avx512F.PermuteVar8x64x2(Vector512.Load(column + 16), rows, Vector512.Load(column + 24)),
                Avx512F.PermuteVar8x64x2(Vector512.Load(column), rows, Vector512.Load(column + 8)));
    }

    /// <summary>Longer columns: two AVX2 gathers.</summary>
    private readonly struct Gathered : IRowPicker
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Pick(double* column, Vector512<long> rows)
        {
            var indices = Avx512F.ConvertToVector256Int32(rows);
            return Vector512.Create(Avx2.GatherVector256(column, indices.GetLower(), 8), Avx2.GatherVector256(column, indices.GetUpper(), 8));
        }
    }

    /// <summary>The exact rule (<see cref="Kernels.SingleSampleMaxStep{T}"/>) for the lanes whose scale is not finite.</summary>
    private Vector512<double> ExactMaxSteps(Vector512<double> m, Vector512<double> scale, Vector512<long> current, PaddedDesign design, uint lanes)
    {
        Span<double> values = stackalloc double[Count];
        m.CopyTo(values);
        for (int r = 0; r < Count; r++)
            if ((lanes >> r & 1) != 0)
                values[r] = Kernels.SingleSampleMaxStep<Octet512>(scale[r], double.NaN, ref Unsafe.Add(ref design.XData, (int)current[r] * _stride), (nuint)_stride);
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
        bool moved = false;
        for (int i = 0; i < _d; i++)
        {
            int e = i * Count;
            var p = Vector512.Abs(Vector512.LoadUnsafe(ref _wPlus[e]));
            var q = Vector512.Abs(Vector512.LoadUnsafe(ref _wMinus[e]));
            var inRange = Vector512.GreaterThanOrEqual(p, lowest) & Vector512.LessThan(p, beyond)
                & Vector512.GreaterThanOrEqual(q, lowest) & Vector512.LessThan(q, beyond);
            if (Vector512.ExtractMostSignificantBits(inRange) == 0xFF) continue;
            moved = true;
            for (int r = e; r < e + Count; r++)
            {
                NetworkState.Renormalize(ref _wPlus[r], ref _plusExponent[r], ref _plusScale[r]);
                NetworkState.Renormalize(ref _wMinus[r], ref _minusExponent[r], ref _minusScale[r]);
            }
        }
        if (moved) _unitScales = AllUnitScales();
    }
}
