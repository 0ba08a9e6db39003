using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DlnLab.LinearAlgebra;

/// <summary>
/// Arrays of doubles for the training kernels whose first element starts a 64-byte cache line, so that each aligned
/// block of eight (one 512-bit vector) lies in one line: a vector load that straddles two lines costs two. The arrays
/// live on the pinned object heap, where they never move. The runtime promises no alignment, so an array that lands
/// off a line boundary is dropped and allocated again behind a small filler array sized to move the heap's next
/// address onto a boundary.
/// </summary>
/// <remarks>
/// Only speed depends on the alignment, never a result. When the tries miss (another thread allocating in between, or
/// a reused gap of the heap) the last array is returned as it is; arrays of more than <see cref="LargestRetried"/>
/// elements are allocated once, as they come: retrying would allocate them several times over.
/// </remarks>
internal static class CacheAligned
{
    private const int LineBytes = 64;
    private const int Tries = 8;
    /// <summary>Longest array (elements) that is allocated more than once to align it: 512 KiB of doubles.</summary>
    public const int LargestRetried = 1 << 16;

    /// <summary>A zeroed pinned array of <paramref name="length"/> doubles, aligned to a cache line where possible.</summary>
    public static double[] Doubles(int length)
    {
        var array = GC.AllocateArray<double>(length, pinned: true);
        if (length > LargestRetried) return array;
        for (int attempt = 0; attempt < Tries && Offset(array) != 0; attempt++)
        {
            // The heap places an object where the last one ended, its data 24 bytes on (object header, method table,
            // length); a filler double[k] (24 + 8k bytes) there moves the next array's data onto a line boundary. Where
            // the filler goes into a gap of the heap instead, the array still lands 8 length + 24 bytes further on, a
            // step that visits every offset within eight tries for an even length (all padded lengths are).
            long next = Address(array) + 8L * length + 24;
            int filler = (int)((-(next + 24) % LineBytes + LineBytes) % LineBytes) / 8;
            GC.KeepAlive(GC.AllocateArray<double>(filler, pinned: true));
            array = GC.AllocateArray<double>(length, pinned: true);
        }
        return array;
    }

    /// <summary>
    /// <paramref name="length"/> zeroed doubles that always start a cache line, whatever their size: a pinned array
    /// seven doubles longer, of which the segment starts at the first element on a line boundary (pinned, its address
    /// never changes). For arrays too large to retry (<see cref="LargestRetried"/>), such as a design X: unaligned, every
    /// 512-bit load of X straddles two lines, which cost the gradient sum at (n, d) = (200, 1000) about a quarter of its
    /// speed (docs/PERFORMANCE.md, 2026-12-03).
    /// </summary>
    public static ArraySegment<double> Segment(int length)
    {
        const int perLine = LineBytes / sizeof(double);
        var array = GC.AllocateArray<double>(length + perLine - 1, pinned: true);
        int offset = (perLine - Offset(array) / sizeof(double)) % perLine;
        return new ArraySegment<double>(array, offset, length);
    }

    /// <summary>The byte offset of the array's first element past a cache-line boundary.</summary>
    public static int Offset(double[] array) => Offset(ref MemoryMarshal.GetArrayDataReference(array));

    /// <summary>The byte offset of a pinned element (a segment's first, a kernel's start of X) past a cache-line boundary.</summary>
    public static unsafe int Offset(ref double element) => (int)((long)Unsafe.AsPointer(ref element) % LineBytes);

    // The arrays are pinned, so the address of their data stays put (an empty array has one too).
    private static unsafe long Address(double[] array) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
