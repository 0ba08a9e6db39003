namespace DlnLab.Training;

/// <summary>
/// Eight doubles, one chunk of the kernels' canonical order, held in the registers of one vector width: one
/// Vector512, two Vector256, four Vector128 or eight scalars (<see cref="Octet512"/>, <see cref="Octet256"/>,
/// <see cref="Octet128"/>, <see cref="OctetScalar"/>). Every operation is lane by lane, and the two reductions combine
/// the lanes in one fixed order, so a kernel written once over <typeparamref name="T"/> gives the same bits at every
/// width; <see cref="LockstepState"/> picks the widest the processor accelerates.
/// </summary>
/// <remarks>
/// Masks are octets whose lanes are all ones (true) or all zeros (false), as the comparisons return them. Lanes are
/// numbered 0..7; in the narrower widths lane l sits in register l / (width in doubles).
/// </remarks>
internal interface IOctet<T> where T : struct, IOctet<T>
{
    /// <summary>Registers an octet takes (1, 2, 4 or 8): kernels that keep many octets live tile smaller where it is more than 1.</summary>
    static abstract int Registers { get; }

    static abstract T Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract T Create(double value);

    /// <summary>Lanes source[index .. index + 8).</summary>
    static abstract T Load(ref double source, nuint index);

    /// <summary>Writes the lanes to destination[index .. index + 8).</summary>
    void Store(ref double destination, nuint index);

    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator &(T a, T b);
    static abstract T operator |(T a, T b);
    static abstract T operator ~(T a);

    /// <summary>a b + c rounded once, lane by lane.</summary>
    static abstract T FusedMultiplyAdd(T a, T b, T c);

    /// <summary>
    /// source[index .. index + 8) times <paramref name="factor"/> plus <paramref name="addend"/>, rounded once: the same
    /// bits as <c>FusedMultiplyAdd(Load(ref source, index), factor, addend)</c> (or with the factors swapped). Written as
    /// one operation so that the JIT can fold the load into the FMA instruction and accumulate in place: through
    /// <see cref="Load"/> and <see cref="FusedMultiplyAdd"/> it loads into a register of its own and copies the
    /// accumulator back after each FMA (Kernels.Dot4: 52 instructions per 32 doubles of four rows; 24 this way, gcc 20).
    /// </summary>
    static abstract T FusedMultiplyAddLoaded(ref double source, nuint index, T factor, T addend);

    static abstract T Abs(T a);

    /// <summary>The larger lane, NaN where either is NaN (IEEE 754 maximum).</summary>
    static abstract T Max(T a, T b);

    /// <summary>The larger lane, as the processor's max instruction gives it (either operand where one is NaN).</summary>
    static abstract T MaxNative(T a, T b);

    /// <summary>The smaller lane, as the processor's min instruction gives it (either operand where one is NaN).</summary>
    static abstract T MinNative(T a, T b);

    static abstract T Equal(T a, T b);
    static abstract T LessThan(T a, T b);
    static abstract T LessThanOrEqual(T a, T b);
    static abstract T GreaterThan(T a, T b);
    static abstract T GreaterThanOrEqual(T a, T b);

    /// <summary>Lane by lane: <paramref name="whenTrue"/> where the mask is set, else <paramref name="whenFalse"/>.</summary>
    static abstract T ConditionalSelect(T mask, T whenTrue, T whenFalse);

    /// <summary>Bit l is the sign bit of lane l.</summary>
    static abstract uint ExtractMostSignificantBits(T a);

    /// <summary>Whether no lane is NaN.</summary>
    static abstract bool NoNaN(T a);

    /// <summary>The canonical lane sum: t_l = s_l + s_(l+4), then (t0 + t1) + (t2 + t3).</summary>
    static abstract double SumLanes(T s);

    /// <summary>The largest lane, NaN if any lane is NaN: h_l = max(s_l, s_(l+4)), then max(max(h0, h1), max(h2, h3)).</summary>
    static abstract double MaxLanes(T s);
}
