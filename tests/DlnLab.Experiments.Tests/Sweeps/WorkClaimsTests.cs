using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using DlnLab.Experiments.Tests.Storage;

namespace DlnLab.Experiments.Tests.Sweeps;

public class WorkClaimsTests
{
    private const int Items = 100;
    private static readonly string[] Keys = [.. Enumerable.Range(0, Items).Select(i => $"k{i}")];
    private static readonly WorkItem[] Plan = [.. Enumerable.Range(0, Items).Select(i => new WorkItem([i]))];

    [Fact]
    public void TheFirstItemHandedOutClaimsItsWholeBatchInTheStore()
    {
        string path = Path.Combine(TestSweeps.TempDir(), "store.db");
        using var a = ResultStore.Open(path);
        using var b = ResultStore.Open(path);
        using var items = WorkClaims.Claimed(a, Plan, [], Keys, CancellationToken.None).GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.Equal([0], items.Current.Runs);
        var (claimed, held) = b.Claim(Keys, thresholds: false);
        Assert.Equal(Keys[..WorkClaims.Batch], held);
        Assert.Equal(Keys[WorkClaims.Batch..], claimed);
    }

    [Fact]
    public void RunsAnotherProcessHoldsComeLastAndOnlyThoseItDidNotStore()
    {
        string path = Path.Combine(TestSweeps.TempDir(), "store.db");
        using var a = ResultStore.Open(path);
        using var b = ResultStore.Open(path);
        Assert.Equal(Keys[..10], b.Claim(Keys[..10], thresholds: false).Claimed);
        using var items = WorkClaims.Claimed(a, Plan, [], Keys, CancellationToken.None).GetEnumerator();
        var handedOut = new List<int>();
        for (int i = 0; i < Items - 10; i++)
        {
            Assert.True(items.MoveNext());
            handedOut.AddRange(items.Current.Runs);
        }
        Assert.Equal(Enumerable.Range(10, Items - 10), handedOut);
        // b stores half of its runs and gives the other half up: a then gets exactly those.
        for (int i = 0; i < 5; i++) Assert.True(b.AddRun(ResultStoreTests.Sample(Keys[i])));
        b.ReleaseLeases();
        handedOut.Clear();
        while (items.MoveNext()) handedOut.AddRange(items.Current.Runs);
        Assert.Equal(Enumerable.Range(5, 5), handedOut);
    }
}
