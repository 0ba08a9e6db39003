namespace DlnLab.Experiments.Storage;

/// <summary>
/// The columns of a stored run, in the order of the runs table: the scalars, each with its numpy type (also the
/// columns of an export), then the vectors, then spec_json.
/// </summary>
internal static class RunColumns
{
    public enum Kind { Text, Integer, Unsigned, Real }

    public sealed record Column(string Name, Kind Type, Func<StoredRun, object?> Get);

    public static readonly Column[] Scalars =
    [
        new("key", Kind.Text, r => r.Key),
        new("sweep", Kind.Text, r => r.Sweep),
        new("dataset_key", Kind.Text, r => r.DatasetKey),
        new("n", Kind.Integer, r => (long)r.N),
        new("d", Kind.Integer, r => (long)r.D),
        new("s", Kind.Integer, r => (long)r.S),
        new("noise", Kind.Real, r => r.Noise),
        new("nonzeros", Kind.Text, r => r.Nonzeros),
        new("nonzero_scale", Kind.Real, r => r.NonzeroScale),
        new("support", Kind.Text, r => r.Support),
        new("n_test", Kind.Integer, r => (long)r.NTest),
        new("data_index", Kind.Integer, r => (long)r.DataIndex),
        new("data_seed", Kind.Unsigned, r => r.DataSeed),
        new("alpha", Kind.Real, r => r.Alpha),
        new("batch_size", Kind.Integer, r => (long)r.BatchSize),
        new("batch_mode", Kind.Text, r => r.BatchMode),
        new("stepsize", Kind.Real, r => r.Stepsize),
        new("stepsize_fraction", Kind.Real, r => r.StepsizeFraction),
        new("largest_convergent_stepsize", Kind.Real, r => r.LargestConvergentStepsize),
        new("repeat", Kind.Integer, r => (long)r.Repeat),
        new("batch_seed", Kind.Unsigned, r => r.BatchSeed),
        new("tolerance", Kind.Real, r => r.Tolerance),
        new("max_steps", Kind.Integer, r => r.MaxSteps),
        new("status", Kind.Text, r => r.Status),
        new("steps", Kind.Integer, r => r.Steps),
        new("train_loss", Kind.Real, r => r.TrainLoss),
        new("test_loss", Kind.Real, r => r.TestLoss),
        new("population_loss", Kind.Real, r => r.PopulationLoss),
        new("distance_to_beta_star", Kind.Real, r => r.DistanceToBetaStar),
        new("gain_l1", Kind.Real, r => r.GainL1),
        new("bounced", Kind.Integer, r => r.Bounced ? 1L : 0L),
        new("max_loss_rise", Kind.Real, r => r.MaxLossRise),
        new("singular_steps", Kind.Integer, r => r.SingularSteps),
        new("max_step_gradient", Kind.Real, r => r.MaxStepGradient),
        new("theorem22_residual", Kind.Real, r => r.Theorem22Residual),
        new("wall_seconds", Kind.Real, r => r.WallSeconds),
    ];

    /// <summary>The per-coordinate vectors, stored as BLOBs and exported as runs x d matrices.</summary>
    public static readonly (string Name, Func<StoredRun, double[]> Get)[] Vectors =
    [
        ("gain", r => r.Gain), ("beta", r => r.Beta), ("ln_alpha_inf_squared", r => r.LnAlphaInfSquared), ("beta_tilde0", r => r.BetaTilde0),
    ];
}
