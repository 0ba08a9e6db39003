using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// A sweep as data: a sparse-regression problem, (S)GD settings, a grid (n, d, s, noise, alpha, model, u0, v0,
/// label noise, momentum, batch size, stepsize) and seeds. Built by <see cref="SweepSpecToml"/> from a TOML file or from CLI flags, or in code;
/// <see cref="Expand"/> turns it into the deterministic list of runs. Field paths in errors follow the TOML schema.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>Name under which runs are stored (default "sweep"); part of every run's key.</summary>
    public string Name { get; init; } = "sweep";

    // --- seeds ---
    /// <summary>Sweep seed (default 1): data seeds and per-run batch seeds are derived from it and the grid coordinates.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Number of datasets (default 1): data seed i = SplitMix64.Derive(Seed, "data", i). Ignored when <see cref="DataSeeds"/> is set.</summary>
    public int Datasets { get; init; } = 1;
    /// <summary>Explicit data seeds (default none: derived from <see cref="Seed"/> and <see cref="Datasets"/>).</summary>
    public IReadOnlyList<ulong>? DataSeeds { get; init; }
    /// <summary>Batch sequences per configuration (default 1); repeat r gets its own derived batch seed.</summary>
    public int Repeats { get; init; } = 1;

    // --- problem (SparseRegressionSpec); n, d, s, noise are grid axes ---
    /// <summary>Training samples n (default [20], the report's).</summary>
    public IReadOnlyList<int> N { get; init; } = [20];
    /// <summary>Dimension d (default [30]).</summary>
    public IReadOnlyList<int> D { get; init; } = [30];
    /// <summary>Sparsity s of beta* (default [3]); each must be at most every d.</summary>
    public IReadOnlyList<int> S { get; init; } = [3];
    /// <summary>Label-noise standard deviation sigma (default [0]: noiseless).</summary>
    public IReadOnlyList<double> Noise { get; init; } = [0.0];
    /// <summary>Distribution of the nonzeros of beta* (default Gaussian).</summary>
    public NonzeroDistribution Nonzeros { get; init; } = NonzeroDistribution.Gaussian;
    /// <summary>Scale of the nonzeros (default 10: N(0, 10^2) as in the report).</summary>
    public double NonzeroScale { get; init; } = 10;
    /// <summary>Placement of the support (default random).</summary>
    public SupportPlacement Support { get; init; } = SupportPlacement.Random;
    /// <summary>Mean mu of every input coordinate, x ~ N(mu 1, Sigma) (default 0: centered); one value per sweep.</summary>
    public double Mean { get; init; }
    /// <summary>Correlation rho in (-1, 1) of the inputs' Toeplitz covariance rho^|i-j| (default 0: identity); one value per sweep.</summary>
    public double Correlation { get; init; }
    /// <summary>Held-out test points (default 1000).</summary>
    public int NTest { get; init; } = 1000;

    // --- algorithm; alpha, model, u0, v0, batch size and stepsize are grid axes ---
    /// <summary>Initialisation scale alpha (default [0.1], the report's).</summary>
    public IReadOnlyList<double> Alpha { get; init; } = [0.1];
    /// <summary>The parametrisations (default [uv]); a grid axis.</summary>
    public IReadOnlyList<ModelSpec> Model { get; init; } = [ModelSpec.Uv];
    /// <summary>For uv: u0 on every coordinate, a grid axis; null (default) means u0 = sqrt(2) alpha.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? U0 { get; init; }
    /// <summary>For uv: v0 on every coordinate, a grid axis; null (default) means v0 = 0.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? V0 { get; init; }
    /// <summary>
    /// For uv: the initialisation shape s in [-1, 1] at the scale alpha, a grid axis: u0 = alpha sqrt(1 + s) and
    /// v0 = alpha sqrt(1 - s) on every coordinate (so (u0^2 + v0^2) / 2 = alpha^2, A = |u0^2 - v0^2| / 2 = |s| alpha^2;
    /// s = 1 is the default start u0 = sqrt(2) alpha, v0 = 0; s = 0 the balanced u0 = v0); null (default): no shape
    /// axis. Excludes <see cref="U0"/> and <see cref="V0"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Shape { get; init; }
    /// <summary>Label-noise SGD's delta >= 0 (fresh label noise at every step), a grid axis; null (default) means [0]: plain SGD.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? LabelNoise { get; init; }
    /// <summary>Heavy-ball momentum M in [0, 1), a grid axis; null (default) means [0]: none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Momentum { get; init; }
    /// <summary>Batch size b (default [1]: SGD); <see cref="FullBatch"/> (0, "n" in TOML and flags) means b = n, i.e. GD.</summary>
    public IReadOnlyList<int> BatchSize { get; init; } = [1];
    /// <summary>Constant stepsizes (default the single value 0.01).</summary>
    public StepsizeAxis Stepsize { get; init; } = StepsizeAxis.List(0.01);
    /// <summary>How batches are drawn (default uniform, independent each step: the report's setting).</summary>
    public BatchMode BatchMode { get; init; } = BatchMode.Uniform;
    /// <summary>Converged once the training loss is at or below this (default 1e-5, the report's).</summary>
    public double Tolerance { get; init; } = 1e-5;
    /// <summary>Step budget per run (default 1e5, the report's).</summary>
    public long MaxSteps { get; init; } = 100_000;
    /// <summary>Diverged above this factor times the initial loss (default 1e8).</summary>
    public double DivergenceFactor { get; init; } = 1e8;
    /// <summary>Bounce (edge of stability) flag threshold on the loss rise (default 2).</summary>
    public double BounceFactor { get; init; } = 2;
    /// <summary>Steps between full-loss checks for b &lt; n (default 0: automatic, 16 ceil(n/b)).</summary>
    public int LossCheckInterval { get; init; }
    /// <summary>
    /// Record and store each run's trajectory: beta_k, the gain so far, the training loss and the sharpness at
    /// checkpoints (default false: final values only).
    /// </summary>
    public bool KeepTrajectories { get; init; }
    /// <summary>Log-spaced checkpoints per decade of a kept trajectory (default 10; 0 to 1000).</summary>
    public int CheckpointsPerDecade { get; init; } = 10;
    /// <summary>A kept trajectory's checkpoints every this many steps instead of log-spaced (default 0: log-spaced).</summary>
    public long CheckpointEvery { get; init; }
    /// <summary>Bisection settings for a relative stepsize axis (default bracket [1e-4, 10], precision 1e-3).</summary>
    public ThresholdSettings Threshold { get; init; } = new();

    /// <summary>Batch-size value meaning b = n (full-batch GD) whatever n is.</summary>
    public const int FullBatch = 0;

    /// <summary>At most this many runs in one sweep, so a typo in a range cannot start a month of computing.</summary>
    public const long MaxRuns = 10_000_000;

    /// <summary>The data seeds, explicit or derived.</summary>
    public ulong[] ResolvedDataSeeds() => DataSeeds is not null
        ? DataSeeds.ToArray()
        : Enumerable.Range(0, Datasets).Select(i => DlnLab.Randomness.SplitMix64.Derive(Seed, DlnLab.Randomness.SplitMix64.Label("data"), (ulong)i)).ToArray();

    /// <summary>Checks every field; throws <see cref="InvalidInputException"/> whose field is the TOML key path.</summary>
    public SweepSpec Validated()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200 || Name.Any(char.IsControl))
            throw new InvalidInputException("name", Name, "must be a non-empty string of at most 200 characters, without control characters (newlines, tabs)");
        if (DataSeeds is null) Check.InRange("seeds.datasets", Datasets, 1, 1_000_000);
        else Each("seeds.data_seeds", DataSeeds, _ => { });
        Check.InRange("seeds.repeats", Repeats, 1, 1_000_000);
        Each("problem.n", N, v => Check.InRange("problem.n", v, 1, 10_000_000));
        Each("problem.d", D, v => Check.InRange("problem.d", v, 1, 100_000_000));
        int minD = D.Min(), minN = N.Min();
        Each("problem.s", S, v => Check.InRange("problem.s", v, 0, minD));
        Each("problem.noise", Noise, v => Check.NonNegative("problem.noise", v));
        if (!Enum.IsDefined(Nonzeros)) throw new InvalidInputException("problem.nonzeros", Nonzeros, "must be gaussian, rademacher, uniform or constant");
        Check.Positive("problem.scale", NonzeroScale);
        if (!Enum.IsDefined(Support)) throw new InvalidInputException("problem.support", Support, "must be random or leading");
        Check.InRange("problem.n_test", NTest, 1, 100_000_000);
        Finite("problem.mean", Mean);
        if (!(Correlation > -1 && Correlation < 1)) throw new InvalidInputException("problem.correlation", Correlation, "must be a number in (-1, 1)");
        Each("training.alpha", Alpha, v => Check.Positive("training.alpha", v));
        Each("training.model", Model, _ => { });
        if (U0 is not null) Each("training.u0", U0, v => Finite("training.u0", v));
        if (V0 is not null) Each("training.v0", V0, v => Finite("training.v0", v));
        if (Shape is not null)
        {
            Each("training.shape", Shape, v =>
            {
                if (!(v >= -1 && v <= 1)) throw new InvalidInputException("training.shape", v, "must be a number in [-1, 1] (u0 = alpha sqrt(1 + s), v0 = alpha sqrt(1 - s))");
            });
            if ((U0 ?? V0) is not null)
                throw new InvalidInputException("training.shape", "conflicts with training.u0 and training.v0; give the shape (with alpha) or the start, not both");
            if (Model.FirstOrDefault(m => m.Kind != ModelKind.Uv) is { } other)
                throw new InvalidInputException("training.shape", $"applies to the uv model only; training.model has {other}, which starts from w+ = w- = alpha (sweep it separately)");
        }
        if ((U0 ?? V0) is not null && Model.FirstOrDefault(m => m.Kind != ModelKind.Uv) is { } power)
            throw new InvalidInputException(U0 is not null ? "training.u0" : "training.v0",
                $"applies to the uv model only; training.model has {power}, which starts from w+ = w- = alpha (sweep it separately)");
        if (LabelNoise is not null) Each("training.label_noise", LabelNoise, v => Check.NonNegative("training.label_noise", v));
        if (Momentum is not null)
            Each("training.momentum", Momentum, v =>
            {
                if (!(v >= 0 && v < 1)) throw new InvalidInputException("training.momentum", v, HeavyBall.MomentumAllowed);
            });
        Each("training.batch_size", BatchSize, v =>
        {
            if (v != FullBatch) Check.InRange("training.batch_size", v, 1, minN);
        });
        if (!Enum.IsDefined(BatchMode)) throw new InvalidInputException("training.batch_mode", BatchMode, "must be uniform or epoch");
        Check.NonNegative("training.tolerance", Tolerance);
        Check.Positive("training.max_steps", MaxSteps);
        if (!(DivergenceFactor > 1 && double.IsFinite(DivergenceFactor))) throw new InvalidInputException("training.divergence_factor", DivergenceFactor, "must be a finite number > 1");
        if (!(BounceFactor > 1 && double.IsFinite(BounceFactor))) throw new InvalidInputException("training.bounce_factor", BounceFactor, "must be a finite number > 1");
        if (LossCheckInterval < 0) throw new InvalidInputException("training.loss_check_interval", LossCheckInterval, "must be >= 0 (0: automatic)");
        Check.InRange("training.checkpoints_per_decade", CheckpointsPerDecade, 0, TrainingOptions.MaxCheckpointsPerDecade);
        if (CheckpointEvery < 0) throw new InvalidInputException("training.checkpoint_every", CheckpointEvery, "must be >= 0 (0: log-spaced checkpoints)");
        Stepsize.Validate();
        Threshold.Validate();
        double runs = RunCount();
        if (runs > MaxRuns) throw new InvalidInputException("grid", runs.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) + " runs", $"must have at most {MaxRuns} runs");
        ValidateRuns();
        return this;
    }

    // Counted in doubles: a product of axis lengths can pass 2^64, which would wrap around a 64-bit count.
    private double RunCount() => (double)(DataSeeds?.Count ?? Datasets) * Repeats * N.Count * D.Count * S.Count * Noise.Count
        * Alpha.Count * Model.Count * (U0?.Count ?? 1) * (V0?.Count ?? 1) * (Shape?.Count ?? 1)
        * (LabelNoise?.Count ?? 1) * (Momentum?.Count ?? 1) * BatchSize.Count * Stepsize.Points().Length;

    /// <summary>Bytes the plan takes (each run's spec and key) before any run starts, in doubles (no overflow).</summary>
    private const double BytesPerPlannedRun = 1024;

    /// <summary>
    /// Checks what a worker would otherwise reject after the store exists: every dataset shape of the grid (size and
    /// memory, with <paramref name="threads"/> datasets in memory at once) and the training options of every
    /// configuration.
    /// </summary>
    public void ValidateResources(int threads)
    {
        int nMax = N.Max(), dMax = D.Max();
        double runs = RunCount();
        double perDataset = SparseRegressionSpec.EstimatedBytes(nMax, dMax, NTest);
        double datasets = Math.Min(Math.Max(1, threads), (double)(DataSeeds?.Count ?? Datasets) * N.Count * D.Count * S.Count * Noise.Count);
        double planBytes = runs * BytesPerPlannedRun, dataBytes = datasets * perDataset;
        string field = planBytes > dataBytes ? "grid" : NTest > SparseRegressionSpec.CopiesOfX * nMax ? "problem.n_test" : "problem.d";
        object value = field == "grid" ? $"{runs:G4} runs" : field == "problem.d" ? dMax : NTest;
        MemoryLimit.Check(field, value, planBytes + dataBytes,
            $"the plan of {runs:G4} runs and {datasets:G4} datasets at once (n = {nMax}, d = {dMax}, n_test = {NTest})");
    }

    // Every (n, d) shape through the generator's own checks, and every (n, alpha, model, batch size) through the trainer's.
    private void ValidateRuns()
    {
        foreach (int n in N)
        foreach (int d in D)
        {
            try
            {
                new SparseRegressionSpec { N = n, D = d, S = S.Max(), NTest = NTest, Noise = Noise.Max(), Nonzeros = Nonzeros, NonzeroScale = NonzeroScale, Support = Support, Mean = Mean, Correlation = Correlation }.Validated();
            }
            catch (InvalidInputException e)
            {
                throw new InvalidInputException(e.Field == "n-test" ? "problem.n_test" : e.Field == "n" ? "problem.n" : "problem.d",
                    $"{e.Message} (for n = {n}, d = {d}, n_test = {NTest})");
            }
        }
        double gamma = Stepsize.IsRelative ? Threshold.Low : Stepsize.Points()[0];
        foreach (int n in N)
        foreach (double alpha in Alpha)
        foreach (var model in Model)
        foreach (int b in BatchSize)
            new TrainingOptions
            {
                Model = model,
                U0 = Shape is not null ? ScaleOrVector.Uniform(ShapedU0(alpha, Shape[0])) : U0 is null ? null : ScaleOrVector.Uniform(U0[0]),
                V0 = Shape is not null ? ScaleOrVector.Uniform(ShapedV0(alpha, Shape[0])) : V0 is null ? null : ScaleOrVector.Uniform(V0[0]),
                Alpha = alpha, BatchSize = b == FullBatch ? n : b, Stepsize = StepsizeSchedule.Constant(gamma), BatchMode = BatchMode,
                Tolerance = Tolerance, MaxSteps = MaxSteps, DivergenceFactor = DivergenceFactor, BounceFactor = BounceFactor,
                LossCheckInterval = LossCheckInterval,
            }.Validated(n, D[0]);
    }

    /// <summary>u0 = alpha sqrt(1 + s) of the initialisation shape s (<see cref="Shape"/>).</summary>
    public static double ShapedU0(double alpha, double shape) => alpha * Math.Sqrt(1 + shape);

    /// <summary>v0 = alpha sqrt(1 - s) of the initialisation shape s (<see cref="Shape"/>).</summary>
    public static double ShapedV0(double alpha, double shape) => alpha * Math.Sqrt(1 - shape);

    /// <summary>The runs of the sweep, in a fixed order, each with its derived seeds and stable key.</summary>
    public IReadOnlyList<RunSpec> Expand() => SweepExpansion.Expand(Validated());

    private static void Finite(string field, double value)
    {
        if (!double.IsFinite(value)) throw new InvalidInputException(field, value, "must be a finite number");
    }

    private static void NonEmpty<T>(string field, IReadOnlyList<T> values)
    {
        if (values.Count == 0) throw new InvalidInputException(field, "is empty; give at least one value");
    }

    private static void Each<T>(string field, IReadOnlyList<T> values, Action<T> check)
    {
        NonEmpty(field, values);
        // Keys are built from values, so a repeated value would be one run listed twice.
        if (values.Distinct().Count() != values.Count) throw new InvalidInputException(field, "has a repeated value; give each value once");
        for (int i = 0; i < values.Count; i++)
        {
            try { check(values[i]); }
            catch (InvalidInputException e) { throw e.WithField($"{field}[{i}]"); }
        }
    }
}
