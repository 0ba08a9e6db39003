using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Finished items (a sweep's runs) committed together, in one call of the commit action (one transaction): an item
/// joins the queue, and a thread that finds no commit under way, and the last one ended at least the linger ago,
/// commits all that is queued, then looks again. Otherwise the item waits for the next such thread, or at most the
/// linger for a timer that commits it: while items end faster than commits, each commit takes those of a few
/// milliseconds (a sweep of one-step runs on 2 cores: about 70 runs and 1.4 ms of journal writes per commit, against
/// 3 runs and 0.1 ms when each commit took what had ended during the one before; docs/PERFORMANCE.md), and an item
/// that ends alone is committed within a few milliseconds. A thread whose item joins the queue goes on at once. A
/// timed commit's failure is thrown by the next <see cref="Add"/> or by <see cref="Flush"/>.
/// </summary>
internal sealed class GroupCommits<T>(Action<List<T>> commit, TimeSpan linger)
{
    private readonly ConcurrentQueue<T> _queue = new();
    private readonly Lock _gate = new();
    private readonly Lock _timerGate = new();
    private Timer? _timer;
    private int _timerArmed;
    private bool _stopped;
    private long _lastCommitEnded;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Queues an item, and commits the queue now or soon (see the class).</summary>
    public void Add(T item)
    {
        _failure?.Throw();
        _queue.Enqueue(item);
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastCommitEnded)) < linger) ArmOnce();
        else CommitWhileQueued();
    }

    /// <summary>
    /// Stops the timer and commits what is queued, now (after a commit under way); from then on nothing more is
    /// committed. Throws the commit's failure, or an earlier timed commit's.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            StopTimer();
            _failure?.Throw();
            commit(Drain());
        }
    }

    /// <summary>Stops the timer: what is queued then stays queued.</summary>
    public void Stop()
    {
        lock (_gate) StopTimer();
    }

    /// <summary>Commits what is queued unless a commit is under way (whose thread looks again when it ends).</summary>
    private void CommitWhileQueued()
    {
        while (!_queue.IsEmpty && _gate.TryEnter())
        {
            try
            {
                if (_stopped) return;
                commit(Drain());
            }
            finally
            {
                Volatile.Write(ref _lastCommitEnded, Stopwatch.GetTimestamp());
                _gate.Exit();
            }
        }
    }

    /// <summary>The timer's commit of items that waited the linger; its failure is kept for the next caller.</summary>
    private void CommitWaiting()
    {
        Volatile.Write(ref _timerArmed, 0);
        if (_queue.IsEmpty || _failure is not null) return;
        if (!_gate.TryEnter())
        {
            // A commit under way: look again later (its thread may have looked at the queue before these items joined).
            ArmOnce();
            return;
        }
        try
        {
            if (!_stopped) commit(Drain());
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            Volatile.Write(ref _lastCommitEnded, Stopwatch.GetTimestamp());
            _gate.Exit();
        }
        if (!_queue.IsEmpty) ArmOnce();
    }

    private List<T> Drain()
    {
        var batch = new List<T>();
        while (_queue.TryDequeue(out var next)) batch.Add(next);
        return batch;
    }

    private void ArmOnce()
    {
        if (Interlocked.Exchange(ref _timerArmed, 1) != 0) return;
        lock (_timerGate)
        {
            if (_stopped) return;
            _timer ??= new Timer(static self => ((GroupCommits<T>)self!).CommitWaiting(), this, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(linger, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopTimer()
    {
        lock (_timerGate)
        {
            _stopped = true;
            _timer?.Dispose();
        }
    }
}
