using System.CommandLine;
using DlnLab.Cli.Options;
using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Commands;

/// <summary>`dln export`: writes the runs of a store as CSV and NumPy files for analysis in Python.</summary>
internal sealed class ExportCommand
{
    private readonly Option<string> store = CliOption.Text("--store", "dln-sweep.db",
        "SQLite file written by 'dln sweep'; it must exist.", "FILE.db");
    private readonly Option<string?> sweep = CliOption.OptionalText("--sweep",
        "Export only the runs of the sweep with this name. [default: all sweeps in the store]", "NAME");
    private readonly Option<string> outDir = CliOption.Text("--out", "export",
        "Folder the files are written to, replaced whole (created if missing; it may hold only a previous export).", "DIR");

    private readonly Option<bool> testSet = CliOption.Flag("--test-set",
        "Also write each dataset's test set into runs.npz (X_test, datasets x n_test x d, and y_test). [default: off]");

    public static Command Create() => new ExportCommand().Build();

    private Command Build()
    {
        var command = new Command("export",
            "Write the runs of a result store for Python: runs.csv (one row per run), runs.npz (every column as an " +
            "array, plus the gain, beta, ln alpha_inf^2 and beta0~ as runs x d matrices, kept trajectories, each dataset's beta*, X and y, " +
            "the gradient-flow references and the thresholds), gain.npy, beta.npy and thresholds.csv.");
        command.Options.Add(store);
        command.Options.Add(sweep);
        command.Options.Add(outDir);
        command.Options.Add(testSet);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parsed)
    {
        var output = parsed.InvocationConfiguration.Output;
        string storePath = parsed.GetValue(store)!;
        string directory = parsed.GetValue(outDir)!;
        string? sweepName = parsed.GetValue(sweep);

        if (storePath.Length == 0) throw new InvalidInputException("store", null, "needs a path");
        OutputPath.CheckFolder("out", directory);

        // Export cannot stop part way: a signal removes the temporary files of the file being written and exits at once.
        using var interruption = Interruption.Immediate(parsed.InvocationConfiguration.Error, "files exported before it are complete");

        return Export(output, storePath, directory, sweepName, parsed.GetValue(testSet));
    }

    private static int Export(TextWriter output, string storePath, string directory, string? sweepName, bool withTestSet)
    {
        // Read-only: an export never writes to the store (nor creates one where a path was mistyped).
        using var results = ResultStore.OpenReadOnly(storePath);
        if (sweepName is not null && !results.Sweeps().Any(s => s.Name == sweepName))
        {
            var names = results.Sweeps().Select(s => s.Name).Distinct().ToList();
            throw new InvalidInputException("sweep", sweepName,
                names.Count == 0 ? "the store holds no sweep" : "must be one of the sweeps in the store: " + string.Join(", ", names));
        }
        var summary = StoreExporter.Export(results, directory, sweepName, withTestSet);
        output.WriteLine($"exported {summary.Runs} runs{(sweepName is null ? "" : $" of sweep '{sweepName}'")} from {results.Path}:");
        foreach (var file in summary.Files) output.WriteLine("  " + file);
        return Cli.Success;
    }
}
