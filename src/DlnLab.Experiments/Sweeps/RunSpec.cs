using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// One run of a sweep: its grid coordinates, derived seeds and settings. A pure description: training it twice gives
/// bit-identical results. <see cref="Key"/> (a hash of <see cref="CanonicalJson"/>) identifies it in the store.
/// </summary>
public sealed record RunSpec
{
    /// <summary>Name of the sweep the run belongs to.</summary>
    public required string Sweep { get; init; }
    /// <summary>Number of training samples n.</summary>
    public required int N { get; init; }
    /// <summary>Dimension d (coordinates of beta).</summary>
    public required int D { get; init; }
    /// <summary>Number of nonzeros s of beta*.</summary>
    public required int S { get; init; }
    /// <summary>Label noise standard deviation sigma.</summary>
    public required double Noise { get; init; }
    /// <summary>How the nonzeros of beta* are drawn.</summary>
    public required NonzeroDistribution Nonzeros { get; init; }
    /// <summary>Scale of the nonzeros of beta* (the standard deviation of Gaussian ones, the magnitude of Rademacher ones, the bound of uniform ones).</summary>
    public required double NonzeroScale { get; init; }
    /// <summary>Where the support of beta* lies.</summary>
    public required SupportPlacement Support { get; init; }
    /// <summary>Size n_test of the held-out test set.</summary>
    public required int NTest { get; init; }
    /// <summary>Mean mu of every input coordinate (default 0: centered).</summary>
    public double Mean { get; init; }
    /// <summary>Correlation rho of the inputs' Toeplitz covariance (default 0: identity).</summary>
    public double Correlation { get; init; }
    /// <summary>Index of the dataset in the sweep's list of data seeds (informative: not part of the key, the seed is).</summary>
    public required int DataIndex { get; init; }
    /// <summary>Seed of the data: X, beta*, noise and test set derive from it.</summary>
    public required ulong DataSeed { get; init; }
    /// <summary>Initialisation scale alpha (by default u0 = sqrt(2) alpha, v0 = 0).</summary>
    public required double Alpha { get; init; }
    /// <summary>The parametrisation (default <c>uv</c>).</summary>
    public ModelSpec Model { get; init; } = ModelSpec.Uv;
    /// <summary>For <c>uv</c>: u0 on every coordinate; null (default) means u0 = sqrt(2) alpha.</summary>
    public double? U0 { get; init; }
    /// <summary>For <c>uv</c>: v0 on every coordinate; null (default) means v0 = 0.</summary>
    public double? V0 { get; init; }
    /// <summary>Label-noise SGD's delta (default 0: plain SGD).</summary>
    public double LabelNoise { get; init; }
    /// <summary>Heavy-ball momentum M (default 0: none).</summary>
    public double Momentum { get; init; }
    /// <summary>The actual batch size (a full-batch axis value already resolved to n).</summary>
    public required int BatchSize { get; init; }
    /// <summary>How batches are drawn for b &lt; n.</summary>
    public required BatchMode BatchMode { get; init; }
    /// <summary>The constant stepsize, or null on a relative axis (known once the threshold is).</summary>
    public double? Stepsize { get; init; }
    /// <summary>Fraction of the largest convergent stepsize, on a relative axis.</summary>
    public double? StepsizeFraction { get; init; }
    /// <summary>Index of the repeat: runs differing only in it differ in their batch seed.</summary>
    public required int Repeat { get; init; }
    /// <summary>Seed of the batch sequence (derived from the sweep seed, the data seed, the configuration and the repeat).</summary>
    public required ulong BatchSeed { get; init; }
    /// <summary>Converged once the training loss is at or below this.</summary>
    public required double Tolerance { get; init; }
    /// <summary>Step budget.</summary>
    public required long MaxSteps { get; init; }
    /// <summary>Diverged once the loss exceeds this factor times the initial loss, or is not finite.</summary>
    public required double DivergenceFactor { get; init; }
    /// <summary>Bounced once the loss rises above this factor times its running minimum.</summary>
    public required double BounceFactor { get; init; }
    /// <summary>For b &lt; n, steps between full training-loss evaluations (0: 16 ceil(n / b)).</summary>
    public required int LossCheckInterval { get; init; }
    /// <summary>Record beta_k, the gain so far, the training loss and the sharpness at checkpoints, and store them (default false).</summary>
    public bool KeepTrajectories { get; init; }
    /// <summary>Log-spaced checkpoints per decade of a kept trajectory (default 10).</summary>
    public int CheckpointsPerDecade { get; init; } = 10;
    /// <summary>A kept trajectory's checkpoints every this many steps instead (default 0: log-spaced).</summary>
    public long CheckpointEvery { get; init; }
    /// <summary>Bisection settings, set only on a relative axis.</summary>
    public ThresholdSettings? Threshold { get; init; }

    /// <summary>The data of this run.</summary>
    public SparseRegressionSpec Problem() => new()
    {
        N = N, D = D, S = S, Noise = Noise, Nonzeros = Nonzeros, NonzeroScale = NonzeroScale,
        Support = Support, NTest = NTest, Seed = DataSeed, Mean = Mean, Correlation = Correlation,
    };

    /// <summary>
    /// Training options at the given constant stepsize: without a trajectory (final values only) unless the run keeps
    /// one and <paramref name="trajectory"/> (the bisection for the largest convergent stepsize never records one).
    /// </summary>
    public TrainingOptions Options(double stepsize, bool trajectory = true) => new()
    {
        Model = Model, U0 = U0 is double u ? ScaleOrVector.Uniform(u) : null, V0 = V0 is double v ? ScaleOrVector.Uniform(v) : null,
        Alpha = Alpha, LabelNoise = LabelNoise, Momentum = Momentum, BatchSize = BatchSize, Stepsize = StepsizeSchedule.Constant(stepsize), BatchMode = BatchMode,
        Seed = BatchSeed, Tolerance = Tolerance, MaxSteps = MaxSteps, DivergenceFactor = DivergenceFactor,
        BounceFactor = BounceFactor, LossCheckInterval = LossCheckInterval,
        CheckpointsPerDecade = KeepTrajectories && trajectory ? CheckpointsPerDecade : 0,
        CheckpointEvery = KeepTrajectories && trajectory ? CheckpointEvery : 0,
        RecordIterates = KeepTrajectories && trajectory,
    };

    /// <summary>
    /// The keys and canonical JSON of each instance, made on first use: a sweep asks for them several times per run, and
    /// each is a JSON text and a SHA-256 hash (DatasetKey 8-14 µs, Key 27-48 µs on the 2-vCPU VM of docs/PERFORMANCE.md). Keyed by the instance itself, not by value, so a copy
    /// made with <c>with</c> (another object) gets its own; an instance never changes once made (init-only properties).
    /// </summary>
    private static readonly ConditionalWeakTable<RunSpec, Memo> Memos = new();

    private sealed class Memo
    {
        public string? DatasetKey, ThresholdKey, CanonicalJson, Key;
    }

    private Memo Memoized => Memos.GetValue(this, static _ => new Memo());

    /// <summary>Identifies the dataset: runs with the same key share one generated problem.</summary>
    public string DatasetKey => Memoized.DatasetKey ??= Hash(Json(this, static (w, run) => run.WriteDataset(w)));

    private void WriteDataset(Utf8JsonWriter w)
    {
        w.WriteString("kind", "sparse-regression");
        w.WriteNumber("n", N); w.WriteNumber("d", D); w.WriteNumber("s", S); WriteDouble(w, "noise", Noise);
        w.WriteString("nonzeros", Nonzeros.ToString()); WriteDouble(w, "scale", NonzeroScale);
        w.WriteString("support", Support.ToString()); w.WriteNumber("n_test", NTest);
        w.WriteString("data_seed", DataSeed.ToString(CultureInfo.InvariantCulture));
        // Written only when not the default (centered, uncorrelated inputs), so earlier datasets keep their keys.
        if (Mean != 0) WriteDouble(w, "mean", Mean);
        if (Correlation != 0) WriteDouble(w, "correlation", Correlation);
    }

    /// <summary>Identifies the bisection for the largest convergent stepsize of this configuration (all but the stepsize).</summary>
    public string ThresholdKey => Memoized.ThresholdKey ??= Hash(Json(DatasetKey, (w, dataset) =>
    {
        w.WriteString("dataset", dataset);
        WriteTraining(w);
        w.WriteString("batch_seed", BatchSeed.ToString(CultureInfo.InvariantCulture));
        var t = Threshold ?? new ThresholdSettings();
        WriteDouble(w, "low", t.Low); WriteDouble(w, "high", t.High); WriteDouble(w, "precision", t.Precision);
    }));

    /// <summary>Every field that determines the result (values, not grid positions), in a fixed order, doubles in round-trip form: the input of <see cref="Key"/>.</summary>
    public string CanonicalJson => Memoized.CanonicalJson ??= Json(DatasetKey, (w, dataset) =>
    {
        w.WriteNumber("version", 1);
        w.WriteString("sweep", Sweep);
        w.WriteString("dataset", dataset);
        WriteTraining(w);
        if (Stepsize is double g) WriteDouble(w, "stepsize", g);
        if (StepsizeFraction is double f) WriteDouble(w, "stepsize_fraction", f);
        w.WriteNumber("repeat", Repeat);
        w.WriteString("batch_seed", BatchSeed.ToString(CultureInfo.InvariantCulture));
        // Written only for kept trajectories (their loss checks at checkpoints can stop an SGD run at another step).
        if (KeepTrajectories)
        {
            w.WriteBoolean("keep_trajectories", true);
            w.WriteNumber("checkpoints_per_decade", CheckpointsPerDecade);
            w.WriteNumber("checkpoint_every", CheckpointEvery);
        }
        if (Threshold is { } t) { WriteDouble(w, "threshold_low", t.Low); WriteDouble(w, "threshold_high", t.High); WriteDouble(w, "threshold_precision", t.Precision); }
    });

    /// <summary>A stable identifier: the first 128 bits of SHA-256 of <see cref="CanonicalJson"/>, in hex.</summary>
    public string Key => Memoized.Key ??= Hash(CanonicalJson);

    /// <summary>
    /// The keys of <paramref name="runs"/>, in order, made on up to <paramref name="threads"/> threads: each is a JSON
    /// text and a SHA-256 (tens of microseconds), which one thread spent a second or more on for a large sweep.
    /// </summary>
    public static string[] KeysOf(IReadOnlyList<RunSpec> runs, int threads) =>
        runs.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Clamp(threads, 1, 512)).Select(r => r.Key).ToArray();

    private void WriteTraining(Utf8JsonWriter w)
    {
        WriteDouble(w, "alpha", Alpha); w.WriteNumber("batch_size", BatchSize); w.WriteString("batch_mode", BatchMode.ToString());
        WriteDouble(w, "tolerance", Tolerance); w.WriteNumber("max_steps", MaxSteps);
        WriteDouble(w, "divergence_factor", DivergenceFactor); WriteDouble(w, "bounce_factor", BounceFactor);
        w.WriteNumber("loss_check_interval", LossCheckInterval);
        // Written only when not the default (uv from u0 = sqrt(2) alpha, v0 = 0), so the runs of stores made before
        // these fields existed keep their keys.
        if (Model != ModelSpec.Uv) w.WriteString("model", Model.ToString());
        if (U0 is double u) WriteDouble(w, "u0", u);
        if (V0 is double v) WriteDouble(w, "v0", v);
        // Likewise written only when not plain (S)GD.
        if (LabelNoise != 0) WriteDouble(w, "label_noise", LabelNoise);
        if (Momentum != 0) WriteDouble(w, "momentum", Momentum);
    }

    // Doubles as "R" strings: JSON number formatting is not guaranteed to round-trip identically across runtimes.
    private static void WriteDouble(Utf8JsonWriter w, string name, double x)
    {
        Span<char> text = stackalloc char[32];
        if (!x.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException($"{x:R} is longer than 32 characters");
        w.WriteString(name, text[..length]);
    }

    /// <summary>A JSON object written by <paramref name="body"/> (which must not write another through this method).</summary>
    private static string Json<T>(T state, Action<Utf8JsonWriter, T> body)
    {
        // One buffer and writer per thread, reset for each text: keys are made for every run of a sweep, tens of
        // thousands at a time (with a new stream and writer each time, and strings for the doubles and the hash's
        // bytes, the keys of a 40,000-run sweep took 290-341 ms, so 207-279 ms; docs/PERFORMANCE.md, 2026-12-04).
        var scratch = t_json ??= new JsonScratch();
        scratch.Buffer.ResetWrittenCount();
        var w = scratch.Writer ??= new Utf8JsonWriter(scratch.Buffer);
        w.Reset(scratch.Buffer);
        w.WriteStartObject();
        body(w, state);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(scratch.Buffer.WrittenSpan);
    }

    [ThreadStatic] private static JsonScratch? t_json;

    private sealed class JsonScratch
    {
        public readonly System.Buffers.ArrayBufferWriter<byte> Buffer = new(2048);
        public Utf8JsonWriter? Writer;
    }

    internal static string Hash(string text)
    {
        int length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = length > 4096 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> bytes = rented ?? stackalloc byte[length];
        int written = Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
