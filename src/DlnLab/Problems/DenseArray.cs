using System.Globalization;
using DlnLab.LinearAlgebra;

namespace DlnLab.Problems;

/// <summary>A 0-D, 1-D or 2-D array of doubles read from a file, with its shape; entries in C (row-major) order.</summary>
public sealed class DenseArray
{
    /// <summary>Entries in C order: for shape (r, c), entry (i, j) is <c>Data[i * c + j]</c>.</summary>
    public double[] Data { get; }
    /// <summary>The numpy shape: empty for a 0-D array (one entry), (n) for 1-D, (rows, cols) for 2-D.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>An array over <paramref name="data"/> (not copied) of the given shape (rank at most 2, entries matching).</summary>
    public DenseArray(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        RequireShape(data.Length, shape);
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>Number of dimensions: 0, 1 or 2.</summary>
    public int Rank => Shape.Count;

    /// <summary>The shape as numpy prints it: (), (5,), (3, 4).</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Shares <see cref="Data"/> with the new matrix; only a 2-D array is a matrix.</summary>
    public Matrix ToMatrix() =>
        Rank == 2 ? new Matrix(Shape[0], Shape[1], Data) : throw new InvalidOperationException($"an array of shape {ShapeText} is not 2-D");

    /// <summary>
    /// True when the array is a vector in any of the layouts researchers save one in: shape (n,), (n, 1), (1, n),
    /// or () for a single number.
    /// </summary>
    public bool IsVectorLike => Rank < 2 || Shape[0] == 1 || Shape[1] == 1;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="shape"/> has rank at most <paramref name="maxRank"/>
    /// (2 for arrays held here; the writers also write rank 3), no negative dimension, and <paramref name="length"/>
    /// entries in all.
    /// </summary>
    internal static void RequireShape(int length, ReadOnlySpan<int> shape, int maxRank = 2)
    {
        if (shape.Length > maxRank) throw new ArgumentException($"rank {shape.Length} is not supported; at most {maxRank}", nameof(shape));
        long count = 1;
        foreach (int s in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(shape));
            count *= s;
        }
        if (count != length) throw new ArgumentException($"data has {length} entries but shape {FormatShape(shape.ToArray())} needs {count}", "data");
    }

    /// <summary>A shape as numpy prints it: (), (5,), (3, 4).</summary>
    public static string FormatShape(IReadOnlyList<int> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")",
    };
}
