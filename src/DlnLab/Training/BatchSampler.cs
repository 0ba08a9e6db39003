using DlnLab.Randomness;

namespace DlnLab.Training;

/// <summary>
/// Draws the mini-batches B_k of size b from [n], deterministically from a seed, in O(b) time per step and without
/// allocation. With b = n every batch is 0..n-1 in order (GD) and no random number is drawn.
/// </summary>
internal sealed class BatchSampler
{
    private readonly int[] _permutation;
    private readonly int _batchSize;
    private readonly BatchMode _mode;
    private Xoshiro256 _rng;
    private int _epochPosition;

    public BatchSampler(int n, int batchSize, BatchMode mode, ulong seed)
    {
        Check.InRange("batch-size", batchSize, 1, n);
        _permutation = new int[n];
        for (int i = 0; i < n; i++) _permutation[i] = i;
        _batchSize = batchSize;
        _mode = mode;
        _rng = new Xoshiro256(seed);
        _epochPosition = n; // forces a shuffle before the first epoch batch
    }

    public int BatchSize => _batchSize;

    /// <summary>
    /// Whether the batches are uniform draws (not epochs): then a b = 1 draw is <see cref="Xoshiro256.NextBelow"/> of
    /// n on <see cref="Generator"/> followed by the swap of <see cref="NextSingle"/> in <see cref="Permutation"/>.
    /// </summary>
    internal bool IsUniform => _mode == BatchMode.Uniform;

    /// <summary>The generator of the draws, for a sampler stepped across vector lanes.</summary>
    internal ref Xoshiro256 Generator => ref _rng;

    /// <summary>The current order of [n] that the draws permute.</summary>
    internal int[] Permutation => _permutation;
    public bool IsFullBatch => _batchSize == _permutation.Length;

    /// <summary>The single index of the next batch when b = 1 &lt; n: the same draws as <see cref="Next"/>, without a span.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal int NextSingle()
    {
        if (_mode != BatchMode.Uniform) return Next()[0];
        var permutation = _permutation;
        int j = _rng.NextBelow(permutation.Length);
        int drawn = permutation[j];
        permutation[j] = permutation[0];
        permutation[0] = drawn;
        return drawn;
    }

    /// <summary>The next batch B_k: a view valid until the next call.</summary>
    public ReadOnlySpan<int> Next()
    {
        int n = _permutation.Length, b = _batchSize;
        if (b == n) return _permutation;
        if (_mode == BatchMode.Uniform)
        {
            // Partial Fisher-Yates: the first b slots become a uniform random b-subset whatever the current order.
            for (int i = 0; i < b; i++)
            {
                int j = i + _rng.NextBelow(n - i);
                (_permutation[i], _permutation[j]) = (_permutation[j], _permutation[i]);
            }
            return _permutation.AsSpan(0, b);
        }
        if (_epochPosition + b > n)
        {
            for (int i = n - 1; i > 0; i--)
            {
                int j = _rng.NextBelow(i + 1);
                (_permutation[i], _permutation[j]) = (_permutation[j], _permutation[i]);
            }
            _epochPosition = 0;
        }
        var batch = _permutation.AsSpan(_epochPosition, b);
        _epochPosition += b;
        return batch;
    }
}
