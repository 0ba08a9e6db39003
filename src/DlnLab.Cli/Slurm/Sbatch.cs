using System.ComponentModel;
using System.Diagnostics;

namespace DlnLab.Cli.Slurm;

/// <summary>Submits a batch script with SLURM's sbatch and returns the job id it prints (--parsable: "ID" or "ID;CLUSTER").</summary>
internal static class Sbatch
{
    /// <summary>Throws <see cref="IOException"/> (exit 1, one line) when sbatch cannot be run or refuses the script.</summary>
    public static string Submit(string script, params string[] options)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--parsable");
        foreach (string o in options) start.ArgumentList.Add(o);
        start.ArgumentList.Add(script);
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception e)
        {
            throw new IOException($"sbatch: cannot be run ({e.Message}); run the printed commands where SLURM is installed (a login node)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string id = stdout.Trim().Split(';')[0];
            if (process.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
                throw new IOException($"sbatch {script}: exit code {process.ExitCode}: {stderr.Result.Trim()} {stdout.Trim()}".TrimEnd());
            return id;
        }
    }
}
