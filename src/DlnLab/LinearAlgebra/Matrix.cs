namespace DlnLab.LinearAlgebra;

/// <summary>A dense row-major matrix of doubles; rows are samples x_i when it holds a design X.</summary>
public sealed class Matrix
{
    /// <summary>Row-major entries: entry (i, j) is <c>Data[i * Cols + j]</c>.</summary>
    public double[] Data { get; }
    /// <summary>Rows (n for a design).</summary>
    public int Rows { get; }

    /// <summary>Columns (d for a design).</summary>
    public int Cols { get; }

    /// <summary>A zero matrix.</summary>
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        Data = new double[checked(rows * cols)];
    }

    /// <summary>A matrix over <paramref name="data"/> (row-major, rows * cols entries, not copied).</summary>
    public Matrix(int rows, int cols, double[] data)
    {
        if (data.Length != rows * cols)
            throw new ArgumentException($"data has {data.Length} entries, expected rows * cols = {rows * cols}", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    /// <summary>Entry (i, j).</summary>
    public double this[int i, int j]
    {
        get => Data[i * Cols + j];
        set => Data[i * Cols + j] = value;
    }

    /// <summary>Row i, a view of <see cref="Data"/>.</summary>
    public Span<double> Row(int i) => Data.AsSpan(i * Cols, Cols);

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Cols || y.Length != Rows) throw new ArgumentException("dimension mismatch in A x");
        for (int i = 0; i < Rows; i++)
            y[i] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(Data.AsSpan(i * Cols, Cols), x);
    }

    /// <summary>y = A^T x.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Rows || y.Length != Cols) throw new ArgumentException("dimension mismatch in A^T x");
        y.Clear();
        for (int i = 0; i < Rows; i++)
        {
            double xi = x[i];
            if (xi == 0) continue;
            var row = Data.AsSpan(i * Cols, Cols);
            for (int j = 0; j < row.Length; j++) y[j] += xi * row[j];
        }
    }

    /// <summary>A x, a new array.</summary>
    public double[] Multiply(ReadOnlySpan<double> x)
    {
        var y = new double[Rows];
        Multiply(x, y);
        return y;
    }

    /// <summary>A^T x, a new array.</summary>
    public double[] MultiplyTransposed(ReadOnlySpan<double> x)
    {
        var y = new double[Cols];
        MultiplyTransposed(x, y);
        return y;
    }

    /// <summary>A deep copy.</summary>
    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());
}
