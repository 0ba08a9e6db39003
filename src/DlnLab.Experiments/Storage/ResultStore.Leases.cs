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
        return Write(tx =>
        {
            var claimed = new List<string>();
            var held = new List<string>();
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (string stored in _storedLeases)
                Prepared("DELETE FROM leases WHERE key = $k AND owner = $o;", tx, ("$k", stored), ("$o", Owner)).ExecuteNonQuery();
            _storedLeases.Clear();
            string storedSql = $"SELECT 1 FROM {table} WHERE key = $k";
            foreach (string key in keys)
            {
                if (Prepared(storedSql, tx, ("$k", key)).ExecuteScalar() is not null) continue;
                string lease = (thresholds ? "threshold:" : "") + key;
                using (var reader = Prepared("SELECT owner, expires_ms FROM leases WHERE key = $k", tx, ("$k", lease)).ExecuteReader())
                {
                    if (reader.Read() && reader.GetString(0) != Owner && reader.GetInt64(1) > now && Alive(reader.GetString(0)))
                    {
                        held.Add(key);
                        continue;
                    }
                }
                Prepared("INSERT INTO leases(key, owner, expires_ms) VALUES ($k, $o, $e) ON CONFLICT(key) DO UPDATE SET owner = $o, expires_ms = $e;",
                    tx, ("$k", lease), ("$o", Owner), ("$e", now + (long)LeaseDuration.TotalMilliseconds)).ExecuteNonQuery();
                claimed.Add(key);
            }
            return (claimed, held);
        });
    }

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
