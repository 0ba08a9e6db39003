using System.CommandLine;
using DlnLab.Cli.Options;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Cli.Commands;

/// <summary>
/// `dln merge`: combines the stores of one sweep's shards (or any stores of the same spec) into one, checking that
/// they agree, and reports what of the plan is still missing (per shard, so a failed array task is seen).
/// </summary>
internal sealed class MergeCommand
{
    private readonly Argument<string[]> inputs = new("STORE.db")
    {
        Description = "The stores to merge, each holding one sweep spec, the same one (as `dln sweep --shard` writes them). They are only read.",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<string?> into = CliOption.OptionalText("--into",
        "The merged store: created if missing; if it exists it may hold only the same spec, and merging again adds nothing. [required]", "ALL.db");

    public static Command Create() => new MergeCommand().Build();

    private Command Build()
    {
        var command = new Command("merge",
            "Merge the stores of a sweep's shards into one: runs, thresholds and datasets are copied once each; a run found " +
            "in two stores with different numbers is refused (naming it) and nothing is written. Prints what of the " +
            "sweep's plan is still missing, per shard. Merging in any order, or again, gives the same store.");
        command.Arguments.Add(inputs);
        command.Options.Add(into);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var output = parsed.InvocationConfiguration.Output;
        string target = parsed.GetValue(into) ?? throw new InvalidInputException("into", null, "needs the merged store's path (--into ALL.db)");
        OutputPath.CheckFile("into", target, folderMayBeCreated: true);
        var files = parsed.GetValue(inputs) ?? [];
        // One transaction: a signal before its commit leaves the target as it was.
        using var interruption = Interruption.Immediate(parsed.InvocationConfiguration.Error, "nothing of this merge is in the merged store (one it created may be left empty)");
        var result = StoreMerge.Merge(files, target);
        Write(output, result, Path.GetFullPath(target));
        return Cli.Success;
    }

    private static void Write(TextWriter output, MergeResult r, string target)
    {
        int Added(string table) => r.Added.GetValueOrDefault(table);
        int There(string table) => r.AlreadyThere.GetValueOrDefault(table);
        output.WriteLine($"merged {r.Inputs} store{(r.Inputs == 1 ? "" : "s")} of sweep '{r.SweepName}' (spec {r.SpecHash}) into {target}:");
        output.WriteLine($"  runs: {Added("runs")} added, {There("runs")} already there");
        output.WriteLine($"  thresholds: {Added("thresholds")} added, {There("thresholds")} already there");
        output.WriteLine($"  datasets: {Added("datasets")} added, {There("datasets")} already there");
        if (r.Complete)
        {
            output.WriteLine($"complete: all {r.PlanRuns} runs and {r.PlanThresholds} thresholds of the plan are stored");
            return;
        }
        output.WriteLine($"incomplete: {r.MissingRuns} of {r.PlanRuns} runs and {r.MissingThresholds} of {r.PlanThresholds} thresholds of the plan are missing");
        foreach (var g in r.Gaps)
            output.WriteLine($"  shard {g.Shard}: {g.MissingRuns} of {g.Runs} runs and {g.MissingThresholds} of {g.Thresholds} thresholds missing " +
                (g.Given ? "(its store is incomplete: run its task again, then merge again)" : "(not among the inputs: run its task, then merge again)"));
        if (r.ShardCount is null) output.WriteLine("  (the inputs name no single shard count, so the missing runs are not assigned to shards)");
    }
}
