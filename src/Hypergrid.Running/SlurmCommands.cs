using System.Diagnostics;
using Hypergrid.Config;

namespace Hypergrid.Running;

/// <summary>The Slurm client commands Hypergrid uses: sbatch, squeue, scancel (sacct needs slurmdbd and is not assumed).</summary>
public static class SlurmCommands
{
    /// <summary>Runs a Slurm command and returns its stdout; a missing command or a failure is a clear error.</summary>
    public static async Task<string> RunAsync(string command, IEnumerable<string> args, CancellationToken cancel = default)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException($"'{command}' was not found: install the Slurm client (apt-get install slurm-client) or use the local launcher");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync(cancel);
            var stderr = p.StandardError.ReadToEndAsync(cancel);
            await p.WaitForExitAsync(cancel);
            if (p.ExitCode != 0) throw new UsageException($"{command} {string.Join(' ', info.ArgumentList)} failed: {(await stderr).Trim()}");
            return await stdout;
        }
    }

    /// <summary>State of every task of the given jobs, keyed "job_task" (or "job" for a plain job): RUNNING, COMPLETED, CANCELLED, …</summary>
    public static async Task<Dictionary<string, string>> StatesAsync(IEnumerable<string> jobIds, CancellationToken cancel = default)
    {
        var ids = jobIds.Distinct().ToList();
        var states = new Dictionary<string, string>();
        if (ids.Count == 0) return states;
        var text = await RunAsync("squeue", ["-h", "-r", "-t", "all", "-j", string.Join(',', ids), "-o", "%i %T"], cancel);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Trim().Split(' ', 2);
            if (parts.Length == 2) states[parts[0]] = parts[1];
        }
        return states;
    }

    /// <summary>States in which a task will not run again.</summary>
    public static bool IsFinal(string state) => state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL"
        or "PREEMPTED" or "OUT_OF_MEMORY" or "BOOT_FAIL" or "DEADLINE" or "SPECIAL_EXIT" or "REVOKED";
}
