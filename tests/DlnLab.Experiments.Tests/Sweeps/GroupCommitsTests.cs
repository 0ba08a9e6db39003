using System.Diagnostics;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class GroupCommitsTests
{
    [Fact]
    public void ItemsAddedFasterThanTheLingerAreCommittedTogetherOnceEachInOrder()
    {
        var batches = new List<List<int>>();
        var commits = new GroupCommits<int>(batch => { lock (batches) batches.Add(batch); }, TimeSpan.FromMilliseconds(50));
        for (int i = 0; i < 1000; i++) commits.Add(i);
        commits.Flush();
        // The first is committed at once (no commit before it); the rest wait for the linger, so they go together.
        Assert.Equal(Enumerable.Range(0, 1000), batches.SelectMany(b => b));
        Assert.InRange(batches.Count(b => b.Count > 0), 2, 10);
        Assert.Equal([0], batches[0]);
    }

    [Fact]
    public void AnItemThatEndsAloneIsCommittedByTheTimerWithinTheLinger()
    {
        var committed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var commits = new GroupCommits<int>(batch => batch.ForEach(committed.Enqueue), TimeSpan.FromMilliseconds(20));
        commits.Add(1); // committed at once
        commits.Add(2); // within the linger of the first commit: waits for the timer
        var clock = Stopwatch.StartNew();
        while (committed.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(1);
        Assert.Equal([1, 2], committed);
        commits.Stop();
    }

    [Fact]
    public void ATimedCommitsFailureIsThrownByTheNextCall()
    {
        int calls = 0;
        var commits = new GroupCommits<int>(batch =>
        {
            if (Interlocked.Increment(ref calls) == 2) throw new InvalidOperationException("the store is gone");
        }, TimeSpan.FromMilliseconds(10));
        commits.Add(1);
        commits.Add(2); // committed by the timer, which fails
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref calls) < 2 && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(1);
        Thread.Sleep(50);
        Assert.Equal("the store is gone", Assert.Throws<InvalidOperationException>(() => commits.Add(3)).Message);
        Assert.Throws<InvalidOperationException>(commits.Flush);
    }

    [Fact]
    public void NothingIsCommittedAfterStop()
    {
        var committed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var commits = new GroupCommits<int>(batch => batch.ForEach(committed.Enqueue), TimeSpan.FromMilliseconds(10));
        commits.Add(1);
        commits.Stop();
        commits.Add(2);
        commits.Add(3);
        Thread.Sleep(100);
        Assert.Equal([1], committed);
    }
}
