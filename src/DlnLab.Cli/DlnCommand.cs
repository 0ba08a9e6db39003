using System.CommandLine;
using System.CommandLine.Help;
using DlnLab.Cli.Commands;

namespace DlnLab.Cli;

/// <summary>The `dln` command tree: the root and its subcommands, one file each under Commands/.</summary>
/// <remarks>
/// A new command is a file Commands/XCommand.cs with a static Create() returning its Command (options as fields,
/// shared sets such as <see cref="Options.ProblemOptions"/> added with AddTo, an action returning <see cref="Cli.Success"/>), and one line
/// below. Its action throws <see cref="InvalidInputException"/> for bad input; <see cref="Cli.Run(string[], TextWriter, TextWriter)"/>
/// turns that into exit code 2.
/// </remarks>
internal static class DlnCommand
{
    /// <summary>Builds a fresh tree (options hold no state between runs, but a fresh tree keeps runs independent).</summary>
    public static Command Create()
    {
        // A plain Command rather than RootCommand, so that help says "dln" whatever process hosts it (tests included).
        var root = new Command("dln",
            "DlnLab: train diagonal linear networks beta = u * v with SGD and GD exactly and fast, and compare the " +
            "interpolators they reach with what the theory of implicit bias predicts.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(SolveCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(SlurmCommand.Create());
        return root;
    }
}
