using System.Diagnostics;
using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>
/// The CLI run as if on another node of a cluster sharing out/log: its own host name (a UTS namespace), optionally its
/// own process ids (a PID namespace: killing it kills everything it started, as a node that goes down) and a clock
/// shifted by libfaketime. File times stay the kernel's (NO_FAKE_STAT), as a file server's stay its own whatever a
/// node's clock says.
/// </summary>
public static class SimulatedNode
{
    public static Process Start(Study study, string host, string? clock, bool ownProcesses, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("unshare") { WorkingDirectory = study.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in ownProcesses ? new[] { "--uts", "--pid", "--fork", "--kill-child", "--mount-proc" } : ["--uts"]) info.ArgumentList.Add(a);
        foreach (var a in new[] { "sh", "-c", "hostname \"$0\" && exec \"$@\"", host }) info.ArgumentList.Add(a);
        if (clock is not null)
        {
            foreach (var a in new[] { "faketime", "-f", clock }) info.ArgumentList.Add(a);
            // The monotonic clock shifted too: ClaimWatch only takes differences of it, and a program's sleep (Python's
            // clock_nanosleep on an absolute monotonic time) fails with EINVAL under a real monotonic clock and a shifted one.
            info.Environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "0";
            info.Environment["NO_FAKE_STAT"] = "1";
        }
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return Process.Start(info)!;
    }

    /// <summary>Runs to the end (at most two minutes) and returns the exit code and all output.</summary>
    public static (int Code, string Output) Run(Study study, string host, string? clock, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Start(study, host, clock, false, environment, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
