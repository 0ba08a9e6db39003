using System.Globalization;
using System.Runtime.InteropServices;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;

namespace DlnLab.Native;

/// <summary>Problems: generated from a spec (<see cref="Dln.Generate"/>) or made from the caller's arrays, read back, freed.</summary>
internal static unsafe class ProblemExports
{
    /// <summary>
    /// dln_problem_generate(spec, problem): the sparse-regression problem of <c>key=value</c> lines with
    /// <c>dln train</c>'s problem options (n, d, s, nonzeros, scale, support, noise, mean, correlation, n-test, data-seed;
    /// absent keys take their defaults); the new handle in *problem.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_generate")]
    public static int Generate(byte* spec, nint* problem) => NativeErrors.Guard(() =>
    {
        if (problem is null) throw new InvalidInputException("problem", "got a null pointer for the new handle");
        var values = SpecText.ParseLines(NativeText.Read(spec));
        if (values.Keys.FirstOrDefault(k => !SpecText.ProblemKeys.Contains(k)) is string key)
            throw new InvalidInputException(key, "is a training option, not a problem option");
        var generator = SpecText.Problem(values);
        *problem = NativeHandles.Create(new NativeProblem(Dln.Generate(generator), generator));
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_problem_from_arrays(x, n, d, y, beta_star, x_test, n_test, y_test, noise, problem): a problem from row-major
    /// X (n x d) and y (n), optionally beta* (d; null if unknown) and a test set X_test (n_test x d) and y_test (both null,
    /// n_test 0, if none); the arrays are copied.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_from_arrays")]
    public static int FromArrays(double* x, int n, int d, double* y, double* betaStar, double* xTest, int nTest, double* yTest,
        double noise, nint* problem) => NativeErrors.Guard(() =>
    {
        if (problem is null) throw new InvalidInputException("problem", "got a null pointer for the new handle");
        Check.Positive("n", n);
        Check.Positive("d", d);
        if (nTest < 0) throw new InvalidInputException("n-test", nTest, "must be an integer >= 0");
        if ((long)n * d > 400_000_000L || (long)nTest * d > 400_000_000L) throw new InvalidInputException("n * d", (long)n * d, "must be at most 4e8 entries");
        var loaded = new RegressionProblem
        {
            X = new Matrix(n, d, Copy(x, (long)n * d, "X")),
            Y = Copy(y, n, "y"),
            BetaStar = betaStar is null ? null : Copy(betaStar, d, "beta*"),
            XTest = xTest is null ? null : new Matrix(nTest, d, Copy(xTest, (long)nTest * d, "X_test")),
            YTest = yTest is null ? null : Copy(yTest, nTest, "y_test"),
            NoiseStd = noise,
        }.Validated();
        *problem = NativeHandles.Create(new NativeProblem(loaded, null));
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_problem_shape(problem, shape): shape[0..3] = n, d, n_test (0 without a test set), whether beta* is known (0/1).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_shape")]
    public static int Shape(nint problem, long* shape) => NativeErrors.Guard(() =>
    {
        var p = NativeHandles.Get<NativeProblem>(problem, "problem");
        if (shape is null) throw new InvalidInputException("shape", "got a null array");
        shape[0] = p.Problem.N;
        shape[1] = p.Problem.D;
        shape[2] = p.Problem.XTest?.Rows ?? 0;
        shape[3] = p.Problem.BetaStar is null ? 0 : 1;
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_problem_read(problem, x, y, beta_star, x_test, y_test): copies the arrays into the caller's buffers (sized by
    /// dln_problem_shape; a null buffer, or one whose array the problem lacks, is skipped).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_read")]
    public static int Read(nint problem, double* x, double* y, double* betaStar, double* xTest, double* yTest) => NativeErrors.Guard(() =>
    {
        var p = NativeHandles.Get<NativeProblem>(problem, "problem").Problem;
        Out(p.X.Data, x);
        Out(p.Y, y);
        Out(p.BetaStar, betaStar);
        Out(p.XTest?.Data, xTest);
        Out(p.YTest, yTest);
        return NativeErrors.Ok;
    });

    /// <summary>
    /// dln_problem_spec(problem, buffer, capacity): the generator's settings as <c>key=value</c> lines under the names of
    /// <c>dln train --json</c>'s spec.problem (s, nonzeros, scale, support, noise, mean, correlation, n_test, data_seed; empty for a
    /// problem made from arrays) into the caller's buffer; returns the length in bytes (as dln_last_error), or minus the error code.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_spec")]
    public static int Spec(nint problem, byte* buffer, int capacity)
    {
        int length = 0;
        int code = NativeErrors.Guard(() =>
        {
            var spec = NativeHandles.Get<NativeProblem>(problem, "problem").Spec;
            string text = spec is null ? "" : string.Join("", new[]
            {
                ("s", I(spec.S)), ("nonzeros", spec.Nonzeros.ToString().ToLowerInvariant()), ("scale", R(spec.NonzeroScale)),
                ("support", spec.Support.ToString().ToLowerInvariant()), ("noise", R(spec.Noise)), ("mean", R(spec.Mean)),
                ("correlation", R(spec.Correlation)), ("n_test", I(spec.NTest)),
                ("data_seed", spec.Seed.ToString(CultureInfo.InvariantCulture)),
            }.Select(kv => $"{kv.Item1}={kv.Item2}\n"));
            length = NativeText.Copy(text, buffer, capacity);
            return NativeErrors.Ok;
        });
        return code == NativeErrors.Ok ? length : -code;
    }

    /// <summary>dln_problem_free(problem): frees a problem handle (null is ignored). Runs trained on it keep their own copy.</summary>
    [UnmanagedCallersOnly(EntryPoint = "dln_problem_free")]
    public static void Free(nint problem) => NativeHandles.Free(problem);

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double[] Copy(double* source, long length, string field)
    {
        if (source is null) throw new InvalidInputException(field, "got a null array");
        return new ReadOnlySpan<double>(source, checked((int)length)).ToArray();
    }

    private static void Out(double[]? values, double* destination)
    {
        if (values is not null && destination is not null) values.CopyTo(new Span<double>(destination, values.Length));
    }
}
