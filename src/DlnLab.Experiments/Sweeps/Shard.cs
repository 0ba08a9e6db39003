using System.Globalization;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// One shard of a sweep: shard <see cref="Index"/> (from 0) of <see cref="Count"/>, as <see cref="SweepShards"/>
/// partitions the plan. Written "I/N" (as in `--shard 3/8`).
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>What <see cref="Parse"/> accepts, in words (for error messages and help).</summary>
    public const string Allowed = "must be I/N with 0 <= I < N (for example 0/8), auto (SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT), " +
        "or auto/N (the index from SLURM_ARRAY_TASK_ID or Kubernetes' JOB_COMPLETION_INDEX)";

    /// <summary>
    /// Parses "I/N", "auto" or "auto/N". With auto the index comes from SLURM_ARRAY_TASK_ID (else JOB_COMPLETION_INDEX,
    /// Kubernetes' Indexed Job), and plain auto takes the count from SLURM_ARRAY_TASK_COUNT, which holds only for an
    /// array numbered 0..N-1 (a resubmission of some tasks, --array=3, has a count of 1: give auto/N there).
    /// Throws <see cref="InvalidInputException"/> on <paramref name="field"/>.
    /// </summary>
    public static Shard Parse(string field, string text, Func<string, string?> environment)
    {
        string t = text.Trim();
        var slash = t.IndexOf('/');
        string first = slash < 0 ? t : t[..slash];
        string? second = slash < 0 ? null : t[(slash + 1)..];
        if (first.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto(field, text, second, environment);
        if (second is null || !TryInt(first, out int index) || !TryInt(second, out int count)) throw new InvalidInputException(field, text, Allowed);
        return Checked(field, text, index, count);
    }

    private static Shard Auto(string field, string text, string? countText, Func<string, string?> environment)
    {
        int count = 0;
        if (countText is not null && !TryInt(countText, out count)) throw new InvalidInputException(field, text, Allowed);
        string source;
        int index;
        if (environment("SLURM_ARRAY_TASK_ID") is string task)
        {
            source = "SLURM_ARRAY_TASK_ID";
            index = Variable(field, text, source, task);
            if (countText is null)
            {
                count = Variable(field, text, "SLURM_ARRAY_TASK_COUNT", environment("SLURM_ARRAY_TASK_COUNT"));
                string? min = environment("SLURM_ARRAY_TASK_MIN"), max = environment("SLURM_ARRAY_TASK_MAX");
                if ((min is not null && min.Trim() != "0") || (max is not null && max.Trim() != (count - 1).ToString(CultureInfo.InvariantCulture)))
                    throw new InvalidInputException(field, text, $"this array's task ids run from {min} to {max} for {count} tasks, not 0 to N-1: give the shard count as auto/N");
            }
        }
        else if (environment("JOB_COMPLETION_INDEX") is string completion)
        {
            source = "JOB_COMPLETION_INDEX";
            index = Variable(field, text, source, completion);
            if (countText is null)
                throw new InvalidInputException(field, text, "JOB_COMPLETION_INDEX gives the index but not the count: give --shard auto/N with N the Job's completions");
        }
        else throw new InvalidInputException(field, text, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set: give --shard I/N outside an array job");
        return Checked(field, $"{text} ({source} = {index})", index, count);
    }

    private static int Variable(string field, string text, string name, string? value) =>
        value is not null && TryInt(value, out int x) ? x
            : throw new InvalidInputException(field, text, $"needs {name} to be an integer, and it is {(value is null ? "not set" : $"'{value}'")}");

    private static Shard Checked(string field, string text, int index, int count)
    {
        if (count < 1) throw new InvalidInputException(field, text, "needs a shard count N >= 1");
        if (index < 0 || index >= count) throw new InvalidInputException(field, text, $"needs a shard index in [0, {count - 1}] (shards are numbered from 0, as array task ids)");
        return new Shard(index, count);
    }

    private static bool TryInt(string s, out int x) => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out x);

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
