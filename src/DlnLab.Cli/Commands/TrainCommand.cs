using System.CommandLine;
using System.Diagnostics;
using DlnLab.Cli.Options;
using DlnLab.Cli.Output;
using DlnLab.Analysis;
using DlnLab.Training;

namespace DlnLab.Cli.Commands;

/// <summary>`dln train`: one (S)GD run on one problem; prints a summary or, with --json, the full result.</summary>
internal sealed class TrainCommand
{
    private readonly ProblemOptions problemOptions = new();
    private readonly TrainingOptionSet trainingOptions = new();
    private readonly Option<bool> json = CliOption.Flag("--json",
        "Print one JSON object (on one line) with every result field, the trajectory and the spec (with spec.config, the resolved configuration as TOML text for --config), instead of the summary. " +
        "Doubles round-trip exactly; non-finite values (NaN, Infinity) are written as null. [default: off, a readable summary]");
    private readonly Option<string?> trajectory = CliOption.OptionalText("--trajectory",
        "Also write the trajectory checkpoints to this CSV file (step,train_loss,test_loss,gain_l1,distance_to_beta_star), " +
        "replacing it atomically (a regular file or a new path only); - or /dev/stdout writes it to standard output after the summary. " +
        "A name ending in .npz writes numpy arrays instead, with the iterates: step, train_loss, test_loss, gain_l1, " +
        "distance_to_beta_star, sharpness (one per checkpoint), beta and gain (checkpoints x d). [default: none]",
        "FILE.csv|FILE.npz");
    private readonly Option<string> theoryMode = CliOption.Choice("--theory", CliOption.Word(TheoryMode.Auto),
        "After training, check the run against the theory (Theorem 2.2's prediction, the gradient-flow interpolator, the sharpness): " +
        "full always; none never; auto only where the check is quick, n^2 d <= " + Analysis.TheoryCheck.QuickWork.ToString("0e0", System.Globalization.CultureInfo.InvariantCulture) +
        " (about half a second; its cost grows like n^2 d and faster), skipping it above. A skipped check prints \"theory\": null with --json " +
        "and says so in the summary.", "auto", "full", "none");

    private CommandConfig config = null!;

    public static Command Create() => new TrainCommand().Build();

    private Command Build()
    {
        var command = new Command("train",
            "Train a diagonal linear network (beta = u * v, or power:D) with mini-batch SGD (b = n: GD) on one problem and " +
            "report the interpolator it reaches, its losses, the gain and the effective initialisation alpha_inf.");
        problemOptions.AddTo(command);
        trainingOptions.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(trajectory);
        command.Options.Add(theoryMode);
        config = CommandConfig.AddTo(command, o =>
            o == problemOptions.DataSeed ? "seeds" : problemOptions.All.Contains(o) ? "problem" : trainingOptions.All.Contains(o) ? "training" : null);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var output = parsed.InvocationConfiguration.Output;

        // Every input is checked before data are drawn or any file is touched.
        TrainingOptions? options = null;
        string? trajectoryPath = parsed.GetValue(trajectory);
        bool trajectoryToOutput = trajectoryPath is not null && OutputPath.IsStandardOutput(trajectoryPath);
        bool npz = !trajectoryToOutput && trajectoryPath is not null && trajectoryPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
        var (problem, description) = ProblemSource.Build(problemOptions, parsed, (n, d) => options = trainingOptions.Read(parsed, n, d, recordIterates: npz));
        if (trajectoryPath is not null && !trajectoryToOutput) OutputPath.CheckFile("trajectory", trajectoryPath);

        // The first SIGINT or SIGTERM stops the run within a few thousand steps (a stopped run is not a result, so
        // nothing is written); a second exits at once.
        using var interruption = Interruption.Cooperative(parsed.InvocationConfiguration.Error, "nothing was written");
        var clock = Stopwatch.StartNew();
        RunResult result;
        try
        {
            result = Trainer.Train(problem, options!, interruption.Token);
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            parsed.InvocationConfiguration.Error.WriteLine($"dln: interrupted by {interruption.SignalName}; the run was stopped and nothing was written");
            return interruption.ExitCode;
        }
        clock.Stop();
        var timing = new RunTiming(clock.Elapsed.TotalSeconds, result.Steps);
        var mode = CliOption.ParseWord<TheoryMode>(parsed.GetValue(theoryMode)!);
        bool runTheory = mode == TheoryMode.Full || (mode == TheoryMode.Auto && TheoryCheck.IsQuick(problem.N, problem.D));
        var theory = runTheory ? TheoryCheck.Of(problem, result, options!) : null;

        if (npz) TrajectoryNpz.WriteFile(trajectoryPath!, result.Trajectory);
        else if (trajectoryPath is not null && !trajectoryToOutput) TrajectoryCsv.WriteFile(trajectoryPath, result.Trajectory);

        if (parsed.GetValue(json)) RunJson.Write(output, description, options!, result, theory, timing, config.Resolved(parsed));
        else RunSummary.Write(output, description, options!, result, theory, timing, mode);
        if (trajectoryToOutput) TrajectoryCsv.Write(output, result.Trajectory);
        return Cli.Success;
    }
}
