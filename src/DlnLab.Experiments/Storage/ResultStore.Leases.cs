using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

public sealed partial class ResultStore
{
    /// <summary>How long a lease lasts unless renewed; the holder renews its leases every third of it.</summary>
    internal static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly string ThisHost = Environment.MachineName;
    private Timer? _renewal;

    // Keys of runs stored since the last claim whose leases this process still holds (under the gate).
    private readonly List<string> _storedLeases = [];

    /// <summary>Who holds this store's leases: host, process id, process start time and a random part.</summary>
    internal string Owner { get; } = $"{ThisHost}:{Environment.ProcessId}:{StartTicks(Process.GetCurrentProcess())}:{Guid.NewGuid():N}";

    /// <summary>
    /// Claims, in one transaction, those of <paramref name="keys"/> (run keys, or threshold keys when
    /// <paramref name="thresholds"/>) that are neither stored nor leased by another process that is alive and within
    /// its lease. Returns the keys claimed now (this process computes them) and those another process holds. The same
    /// transaction gives up the leases of the runs this process stored since its last claim.
    /// </summary>
    internal (List<string> Claimed, List<string> Held) Claim(IReadOnlyList<string> keys, bool thresholds)
    {
        lock (_gate) _renewal ??= new Timer(_ => Renew(), null, LeaseDuration / 3, LeaseDuration / 3);
        string table = thresholds ? "thresholds" : "runs";
        // A lease's key: the run's key, or a threshold's with this prefix.
        string prefix = thresholds ? "threshold:" : "";
        // Set-based, a few statements for the whole batch (the keys as one JSON array), in the one thread that hands out
        // the work: the claims of a 40,000-run sweep of one-step runs took 0.42-0.48 s with four statements per key,
        // 0.30-0.32 s so (docs/PERFORMANCE.md, 2026-12-04).
        return Write(tx =>
        {
            var claimed = new List<string>();
            var held = new List<string>();
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (_storedLeases.Count > 0)
            {
                Prepared("DELETE FROM leases WHERE owner = $o AND key IN (SELECT value FROM json_each($k));", tx,
                    ("$k", JsonArray(_storedLeases)), ("$o", Owner)).ExecuteNonQuery();
                _storedLeases.Clear();
            }
            string batch = JsonArray(keys);
            var stored = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = Prepared($"SELECT j.value FROM json_each($k) j JOIN {table} t ON t.key = j.value;", tx, ("$k", batch)).ExecuteReader())
                while (reader.Read()) stored.Add(reader.GetString(0));
            // Leases of these keys that another process holds and has not let run out (whether it is alive is asked below).
            var others = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var reader = Prepared("SELECT j.value, l.owner FROM json_each($k) j JOIN leases l ON l.key = $p || j.value WHERE l.owner <> $o AND l.expires_ms > $t;",
                tx, ("$k", batch), ("$p", prefix), ("$o", Owner), ("$t", now)).ExecuteReader())
                while (reader.Read()) others[reader.GetString(0)] = reader.GetString(1);
            var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (string key in keys)
            {
                if (stored.Contains(key)) continue;
                if (others.TryGetValue(key, out var owner))
                {
                    if (!alive.TryGetValue(owner, out bool isAlive)) alive[owner] = isAlive = Alive(owner);
                    if (isAlive)
                    {
                        held.Add(key);
                        continue;
                    }
                }
                claimed.Add(key);
            }
            if (claimed.Count > 0)
                Prepared("INSERT INTO leases(key, owner, expires_ms) SELECT $p || value, $o, $e FROM json_each($k) WHERE true " +
                    "ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires_ms = excluded.expires_ms;",
                    tx, ("$k", JsonArray(claimed)), ("$p", prefix), ("$o", Owner), ("$e", now + (long)LeaseDuration.TotalMilliseconds)).ExecuteNonQuery();
            return (claimed, held);
        });
    }

    private static string JsonArray(IReadOnlyList<string> keys) => System.Text.Json.JsonSerializer.Serialize(keys);

    /// <summary>Gives up this process's leases (work it claimed and will not do).</summary>
    internal void ReleaseLeases()
    {
        lock (_gate)
        {
            _renewal?.Dispose();
            _renewal = null;
            _storedLeases.Clear();
        }
        if (!ReadOnly) Write(tx => { Execute("DELETE FROM leases WHERE owner = $o;", tx, ("$o", Owner)); });
    }

    private void Renew()
    {
        try
        {
            long expires = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)LeaseDuration.TotalMilliseconds;
            Write(tx => { Execute("UPDATE leases SET expires_ms = $e WHERE owner = $o;", tx, ("$e", expires), ("$o", Owner)); });
        }
        catch (Exception e) when (e is StoreFaultException or ObjectDisposedException or InvalidOperationException or InvalidInputException)
        {
            // The next commit reports a store that went away; a missed renewal only lets others reclaim sooner.
        }
    }

    /// <summary>Whether a lease's holder may still be working: another host's always is (until its lease runs out).</summary>
    private static bool Alive(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 4 || parts[0] != ThisHost || !int.TryParse(parts[1], out int pid) || !long.TryParse(parts[2], out long started)) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return Math.Abs(StartTicks(process) - started) < TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return true; }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
