using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace DlnLab.Bench;

/// <summary>
/// What one core of this machine can do at best: a STREAM-like read (sum of a 256 MiB array) and triad
/// (a = b + s c over three 64 MiB arrays), FMA throughput from enough independent chains to hide the latency, and
/// 512-bit stores into a buffer that stays in the first-level cache. The units per invocation are in
/// <see cref="ReadBytes"/>, <see cref="TriadBytes"/>, <see cref="PeakFlops"/>, <see cref="Stores"/>.
/// </summary>
public class MachineProbes
{
    public const int ReadLength = 32 << 20;   // doubles: 256 MiB
    public const int TriadLength = 8 << 20;   // doubles per array: 64 MiB
    public const long FmaIterations = 10_000_000;
    public const int FmaChains = 12;
    public const long StoreIterations = 2_000_000;
    /// <summary>512-bit stores per iteration: a 2 KiB buffer, aligned to a cache line.</summary>
    public const int StoresPerIteration = 32;

    public static double ReadBytes => 8.0 * ReadLength;
    /// <summary>Triad traffic counted as STREAM does: two reads and one write (no write-allocate).</summary>
    public static double TriadBytes => 24.0 * TriadLength;
    public static double PeakFlops => 2.0 * FmaIterations * FmaChains * Vector512<double>.Count;
    public static double Stores => (double)StoreIterations * StoresPerIteration;

    private double[] _read = null!, _a = null!, _b = null!, _c = null!, _stored = null!;

    [GlobalSetup]
    public void Setup()
    {
        _read = GC.AllocateUninitializedArray<double>(ReadLength, pinned: true);
        Array.Fill(_read, 1.0);
        _a = GC.AllocateUninitializedArray<double>(TriadLength, pinned: true);
        _b = GC.AllocateUninitializedArray<double>(TriadLength, pinned: true);
        _c = GC.AllocateUninitializedArray<double>(TriadLength, pinned: true);
        Array.Fill(_a, 0.0);
        Array.Fill(_b, 1.0);
        Array.Fill(_c, 2.0);
        _stored = DlnLab.LinearAlgebra.CacheAligned.Doubles(StoresPerIteration * Vector512<double>.Count);
    }

    [Benchmark]
    public double Read()
    {
        ref double r = ref MemoryMarshal.GetArrayDataReference(_read);
        var s0 = Vector256<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
        for (nuint i = 0; i < ReadLength; i += 16)
        {
            s0 += Vector256.LoadUnsafe(ref r, i);
            s1 += Vector256.LoadUnsafe(ref r, i + 4);
            s2 += Vector256.LoadUnsafe(ref r, i + 8);
            s3 += Vector256.LoadUnsafe(ref r, i + 12);
        }
        return Vector256.Sum(s0 + s1 + s2 + s3);
    }

    [Benchmark]
    public double Triad()
    {
        ref double ra = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double rb = ref MemoryMarshal.GetArrayDataReference(_b);
        ref double rc = ref MemoryMarshal.GetArrayDataReference(_c);
        var s = Vector256.Create(3.0);
        for (nuint i = 0; i < TriadLength; i += 8)
        {
            Vector256.FusedMultiplyAdd(s, Vector256.LoadUnsafe(ref rc, i), Vector256.LoadUnsafe(ref rb, i)).StoreUnsafe(ref ra, i);
            Vector256.FusedMultiplyAdd(s, Vector256.LoadUnsafe(ref rc, i + 4), Vector256.LoadUnsafe(ref rb, i + 4)).StoreUnsafe(ref ra, i + 4);
        }
        return _a[TriadLength - 1];
    }

    [Benchmark]
    public double PeakFma() => FmaThroughput(1.0 + 1e-12, FmaIterations);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double FmaThroughput(double m, long iterations)
    {
        var x = Vector512.Create(m);
        var a = Vector512.Create(1e-3);
        Vector512<double> c0 = a, c1 = a * 2, c2 = a * 3, c3 = a * 4, c4 = a * 5, c5 = a * 6,
            c6 = a * 7, c7 = a * 8, c8 = a * 9, c9 = a * 10, c10 = a * 11, c11 = a * 12;
        for (long k = 0; k < iterations; k++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, x, a); c1 = Vector512.FusedMultiplyAdd(c1, x, a);
            c2 = Vector512.FusedMultiplyAdd(c2, x, a); c3 = Vector512.FusedMultiplyAdd(c3, x, a);
            c4 = Vector512.FusedMultiplyAdd(c4, x, a); c5 = Vector512.FusedMultiplyAdd(c5, x, a);
            c6 = Vector512.FusedMultiplyAdd(c6, x, a); c7 = Vector512.FusedMultiplyAdd(c7, x, a);
            c8 = Vector512.FusedMultiplyAdd(c8, x, a); c9 = Vector512.FusedMultiplyAdd(c9, x, a);
            c10 = Vector512.FusedMultiplyAdd(c10, x, a); c11 = Vector512.FusedMultiplyAdd(c11, x, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [Benchmark]
    public double Store512()
    {
        ref double r = ref MemoryMarshal.GetArrayDataReference(_stored);
        var v = Vector512.Create(1.0);
        var w = Vector512.Create(2.0);
        for (long k = 0; k < StoreIterations; k++)
            for (nuint i = 0; i < StoresPerIteration * 8; i += 32)
            {
                v.StoreUnsafe(ref r, i);
                w.StoreUnsafe(ref r, i + 8);
                v.StoreUnsafe(ref r, i + 16);
                w.StoreUnsafe(ref r, i + 24);
            }
        return _stored[^1];
    }
}
