using System.IO.Compression;
using System.Text;

namespace DlnLab.Cli.Tests.Output;

/// <summary>One vocabulary: no output format (text, JSON, CSV, npz) spells a status or an enum value otherwise than the command line's words.</summary>
public class VocabularyTests
{
    // Spellings that the outputs used before they agreed, and the enum names the store keeps.
    private static readonly string[] OldSpellings =
    [
        "BudgetExhausted", "NoConvergentStepsize", "budget exhausted", "\"budget\"", "without a convergent stepsize",
        "Converged", "Diverged", "Oscillating", "Gaussian", "Rademacher", "Leading", "Uniform", "Epoch",
    ];

    [Fact]
    public void TextJsonCsvAndNpzSpeakTheCommandLinesWords()
    {
        using var temp = new TempFolder();
        string[] problem = ["--n", "10", "--d", "15", "--s", "2", "--max-steps", "300", "--tolerance", "1e-3"];
        var outputs = new Dictionary<string, string>();
        // A run that exhausts its budget, as text and as JSON.
        var text = CliRunner.Run(["train", .. problem, "--batch-size", "1", "--stepsize", "0.001"]);
        var json = CliRunner.Run(["train", .. problem, "--batch-size", "1", "--stepsize", "0.001", "--json"]);
        Assert.Equal((0, 0), (text.ExitCode, json.ExitCode));
        Assert.Contains("budget_exhausted", text.Out);
        Assert.Contains("\"status\":\"budget_exhausted\"", json.Out.Replace(" ", ""));
        outputs["train text"] = text.Out + text.Err;
        outputs["train json"] = json.Out + json.Err;

        // A sweep with statuses of every kind it can reach here (relative stepsizes: thresholds), then its export.
        var sweep = CliRunner.Run(["sweep", .. problem, "--batch-size", "1,n", "--stepsize-relative", "0.5,1", "--datasets", "2",
            "--batch-mode", "epoch", "--store", temp.File("s.db")]);
        var fixedSweep = CliRunner.Run(["sweep", .. problem, "--batch-size", "1,n", "--stepsize", "0.001,3", "--store", temp.File("s.db")]);
        Assert.Equal((0, 0), (sweep.ExitCode, fixedSweep.ExitCode));
        Assert.Contains("budget_exhausted", fixedSweep.Out);
        outputs["sweep text"] = sweep.Out + sweep.Err + fixedSweep.Out + fixedSweep.Err;
        var export = CliRunner.Run("export", "--store", temp.File("s.db"), "--out", temp.File("e"), "--test-set");
        Assert.Equal(0, export.ExitCode);
        foreach (string csv in (string[])["runs.csv", "thresholds.csv"]) outputs[csv] = File.ReadAllText(Path.Combine(temp.File("e"), csv));
        Assert.Contains(",budget_exhausted,", outputs["runs.csv"]);
        Assert.Contains(",gaussian,", outputs["runs.csv"]);
        Assert.Contains(",epoch,", outputs["runs.csv"]);
        // npz: numpy's text arrays are UTF-32; every entry is read both ways.
        using (var zip = ZipFile.OpenRead(Path.Combine(temp.File("e"), "runs.npz")))
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                outputs["runs.npz " + entry.Name] = new UTF32Encoding(false, false).GetString(bytes.ToArray()) + Encoding.Latin1.GetString(bytes.ToArray());
            }
        Assert.Contains("budget_exhausted", outputs["runs.npz status.npy"]);

        foreach (var (name, content) in outputs)
            foreach (string old in OldSpellings)
                Assert.False(content.Contains(old, StringComparison.Ordinal), $"{name} spells '{old}'");
    }
}
