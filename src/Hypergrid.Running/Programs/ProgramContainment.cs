using System.Diagnostics;

namespace Hypergrid.Running.Programs;

/// <summary>
/// How this host keeps every process a program starts inside its attempt. Preferred: a PID namespace per attempt
/// (util-linux's <c>unshare --pid --fork --kill-child</c>, with a user namespace when not root). Its first process is a
/// small /bin/sh init that runs the program, forwards SIGTERM to every process of the namespace and exits with the
/// program's code; when it exits, or is killed because the worker died, the kernel kills everything left in the
/// namespace (however it detached: setsid, double forks, ignored signals) before the attempt is seen to end. Where the
/// host refuses namespaces, the fallback is the program's process group (setsid), which a process that calls setsid
/// leaves; the worker says so once. HYPERGRID_CONTAINMENT=group chooses the fallback.
/// </summary>
public static partial class ProgramContainment
{
    private const string Unshare = "/usr/bin/unshare";

    // The namespace's init. Background jobs of a shell start with SIGINT and SIGQUIT ignored; env puts them back.
    // `wait` returns early when the trap runs; the loop waits again until the program itself has ended.
    private const string Init = """
        trap 'kill -TERM -1 2>/dev/null' TERM
        env --default-signal=INT,QUIT "$@" &
        c=$!
        while :; do wait $c; s=$?; kill -0 $c 2>/dev/null || break; done
        exit $s
        """;

    private static readonly Lazy<(string[]? Prefix, string Why)> Probe = new(Detect);

    /// <summary>Whether programs run in a PID namespace of their own here.</summary>
    public static bool Namespaced => Probe.Value.Prefix is not null;

    /// <summary>Why programs are not namespaced here (empty when they are).</summary>
    public static string Why => Probe.Value.Why;

    /// <summary>The arguments that run a program (its own arguments follow) inside a namespace: empty without one.</summary>
    public static IReadOnlyList<string> Prefix => Probe.Value.Prefix ?? [];

    /// <summary>Said once by a worker on a host without namespaces: what is and is not contained.</summary>
    public static string Warning =>
        $"note: programs run without a PID namespace here ({Why}): a process a program detaches from its process group (setsid, a daemon) " +
        "can outlive its attempt; Hypergrid kills the program's process group when the attempt ends and commits a copy of the log, so nothing it writes later reaches a result";

    private static (string[]?, string) Detect()
    {
        if (Environment.GetEnvironmentVariable("HYPERGRID_CONTAINMENT") == "group") return (null, "HYPERGRID_CONTAINMENT=group");
        if (!OperatingSystem.IsLinux() || !File.Exists(Unshare)) return (null, $"{Unshare} is missing");
        if (!File.Exists($"/proc/{Environment.ProcessId}/task/{Environment.ProcessId}/children")) return (null, "the kernel does not list a process's children in /proc");
        string[] prefix = geteuid() == 0
            ? [Unshare, "--pid", "--fork", "--kill-child", "/bin/sh", "-c", Init, "sh"]
            : [Unshare, "--user", "--map-current-user", "--pid", "--fork", "--kill-child", "/bin/sh", "-c", Init, "sh"];
        var info = new ProcessStartInfo(prefix[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in prefix.Skip(1).Append("true")) info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            var error = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000)) { p.Kill(); return (null, "unshare did not answer within 10 s"); }
            return p.ExitCode == 0 ? (prefix, "") : (null, $"unshare --pid failed: {error.Result.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception ex) { return (null, ex.Message); }
    }

    /// <summary>The namespace's init (the one child of unshare), or null when it has ended.</summary>
    public static int? InitOf(int unsharePid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{unsharePid}/task/{unsharePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 && int.TryParse(children[0], out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial uint geteuid();
}
