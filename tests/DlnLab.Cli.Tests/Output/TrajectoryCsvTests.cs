using DlnLab.Cli.Output;
using DlnLab.Training;

namespace DlnLab.Cli.Tests.Output;

public class TrajectoryCsvTests
{
    [Fact]
    public void Missing_values_are_empty_cells_and_non_finite_ones_are_named()
    {
        var writer = new StringWriter { NewLine = "\n" };
        TrajectoryCsv.Write(writer, [new Checkpoint(0, 1.5, null, 0, null), new Checkpoint(10, double.PositiveInfinity, double.NaN, 0.25, 3)]);
        Assert.Equal("step,train_loss,test_loss,gain_l1,distance_to_beta_star\n0,1.5,,0,\n10,Infinity,NaN,0.25,3\n", writer.ToString());
    }

    [Fact]
    public void File_replaces_an_existing_one_whole()
    {
        using var folder = new TempFolder();
        string path = folder.File("t.csv");
        File.WriteAllText(path, "old content that is longer than the new file, to catch a write in place\n");
        TrajectoryCsv.WriteFile(path, [new Checkpoint(1, 2, 3, 4, 5)]);
        Assert.Equal("step,train_loss,test_loss,gain_l1,distance_to_beta_star\n1,2,3,4,5\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
