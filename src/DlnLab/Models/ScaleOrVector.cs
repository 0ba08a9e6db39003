namespace DlnLab.Models;

/// <summary>
/// A per-coordinate initial value given either as one scale for every coordinate or as a d-vector (for u0 and v0 of
/// the <c>uv</c> model).
/// </summary>
public sealed record ScaleOrVector
{
    private ScaleOrVector(double scale, double[]? vector)
    {
        Scale = scale;
        Vector = vector;
    }

    /// <summary>The value of every coordinate, when <see cref="Vector"/> is null.</summary>
    public double Scale { get; }

    /// <summary>One value per coordinate, or null for the uniform <see cref="Scale"/>.</summary>
    public double[]? Vector { get; }

    /// <summary>The same value for every coordinate.</summary>
    public static ScaleOrVector Uniform(double scale) => new(scale, null);

    /// <summary>One value per coordinate (copied).</summary>
    public static ScaleOrVector PerCoordinate(ReadOnlySpan<double> values) => new(0, values.ToArray());

    /// <summary>The d values (a new array).</summary>
    public double[] For(int d) => Vector is null ? Enumerable.Repeat(Scale, d).ToArray() : (double[])Vector.Clone();

    /// <summary>Throws <see cref="InvalidInputException"/> naming <paramref name="field"/> unless every value is finite and a vector has d entries.</summary>
    public ScaleOrVector Validated(string field, int d)
    {
        if (Vector is null)
        {
            if (!double.IsFinite(Scale)) throw new InvalidInputException(field, Scale, "must be a finite number");
            return this;
        }
        if (Vector.Length != d) throw new InvalidInputException(field, $"has {Vector.Length} entries but d = {d}; they must match");
        Check.AllFinite(field, Vector);
        return this;
    }

    /// <summary>Value equality: the scale, or the vector entry by entry.</summary>
    public bool Equals(ScaleOrVector? other) =>
        other is not null && (Vector is null
            ? other.Vector is null && Scale.Equals(other.Scale)
            : other.Vector is not null && Vector.AsSpan().SequenceEqual(other.Vector));

    /// <inheritdoc />
    public override int GetHashCode() => Vector is null ? Scale.GetHashCode() : Vector.Length;
}
