using System.Diagnostics;
using Hypergrid.Config;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A real single-node Slurm for the Slurm tests: used as it is when one answers, otherwise started with
/// scripts/slurm-local (and stopped again after the tests). When Slurm is not installed, the tests fail with
/// one line saying what to install.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    private const string Conf = "/tmp/hypergrid-slurm/slurm.conf";
    private readonly string? script;

    public LocalSlurm()
    {
        Environment.SetEnvironmentVariable("SLURM_CONF", Environment.GetEnvironmentVariable("SLURM_CONF") ?? Conf);
        if (Answers()) return;
        if (!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/bin/sbatch"))
            throw new InvalidOperationException("Slurm is not installed: apt-get install slurmctld slurmd slurm-client munge (as root)");
        var scripts = RepoFiles.FindFolder("scripts", "slurm-local") ?? throw new InvalidOperationException("scripts/slurm-local was not found above the tests");
        script = Path.Combine(scripts, "slurm-local");
        var (code, output) = Run(script, "start", TimeSpan.FromMinutes(2));
        if (code != 0 || !Answers()) throw new InvalidOperationException($"scripts/slurm-local start failed (it needs root): {output.Trim()}");
    }

    public void Dispose()
    {
        // A cluster we started is stopped again.
        CancelJobs();
        if (script is not null) Run(script, "stop", TimeSpan.FromMinutes(1));
    }

    /// <summary>Cancels every job the tests submitted.</summary>
    public static void CancelJobs() => Run("scancel", "--name=hypergrid", TimeSpan.FromSeconds(10));

    // sinfo retries for a long time when no slurmctld answers: a short timeout decides.
    private static bool Answers()
    {
        var (code, output) = Run("sinfo", "-h -o %T", TimeSpan.FromSeconds(5));
        return code == 0 && output.Trim().Length > 0;
    }

    private static (int Code, string Output) Run(string file, string args, TimeSpan timeout)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(true);
                return (-1, "timed out");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception) { return (-1, $"{file} not found"); }
    }
}
