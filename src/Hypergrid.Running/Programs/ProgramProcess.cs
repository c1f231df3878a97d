using System.Diagnostics;

namespace Hypergrid.Running.Programs;

/// <summary>
/// A user's training program as a process that never outlives its worker: it runs in a session and process group of
/// its own (setsid) and, where the host allows it, in a PID namespace of its own (see <see cref="ProgramContainment"/>),
/// so a stop reaches it and everything it started, and the kernel kills it all when the program ends or the worker dies,
/// even by kill -9 (setpriv --pdeathsig KILL). The death signal follows the thread that started the process, so a
/// dedicated thread starts it and lives until it exits.
/// </summary>
public sealed class ProgramProcess : IDisposable
{
    private const string SetSid = "/usr/bin/setsid";
    private const string SetPriv = "/usr/bin/setpriv";

    private readonly Process process;
    private readonly Thread owner;

    private ProgramProcess(Process process, Thread owner)
    {
        this.process = process;
        this.owner = owner;
        Pid = process.Id;
    }

    private bool disposed;

    public int Pid { get; }
    public bool HasExited => process.HasExited;

    /// <summary>Waits up to <paramref name="milliseconds"/> for the program to exit; true when it has.</summary>
    public bool WaitForExit(int milliseconds) => process.WaitForExit(milliseconds);
    public int ExitCode => process.ExitCode;
    public StreamReader Output => process.StandardOutput;
    public StreamReader Errors => process.StandardError;

    /// <summary>Whether the program gets a process group of its own and dies with its worker (util-linux's setsid and setpriv are there).</summary>
    public static bool Guarded => File.Exists(SetSid) && File.Exists(SetPriv);

    /// <summary>Starts <paramref name="arguments"/> (program first, already resolved) in <paramref name="workingDir"/> with these extra variables.</summary>
    public static ProgramProcess Start(IReadOnlyList<string> arguments, string workingDir, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Guarded ? SetSid : arguments[0])
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Guarded) foreach (var a in new[] { SetPriv, "--pdeathsig", "KILL", "--" }.Concat(ProgramContainment.Prefix)) info.ArgumentList.Add(a);
        foreach (var a in Guarded ? arguments : arguments.Skip(1)) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var owner = new Thread(() =>
        {
            Process p;
            try { p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {arguments[0]}"); }
            catch (Exception ex) { started.SetException(ex); return; }
            started.SetResult(p);
            p.WaitForExit(Timeout.Infinite);
        }) { IsBackground = true, Name = "program owner" };
        owner.Start();
        var process = started.Task.GetAwaiter().GetResult();
        process.StandardInput.Close(); // a program that reads stdin gets end of file, not the worker's terminal
        return new ProgramProcess(process, owner);
    }

    /// <summary>
    /// Asks the program to stop: SIGTERM to every process of its namespace (through its init, which forwards it once),
    /// else to its process group (or to the program alone when it has none).
    /// </summary>
    public void Terminate()
    {
        if (Guarded && ProgramContainment.Namespaced)
        {
            // Not to the group: unshare would die of it, and the namespace with it, before the program could checkpoint.
            if (ProgramContainment.InitOf(Pid) is { } init) Signal.Send(init, Signal.Term);
        }
        else Signal.Send(Guarded ? -Pid : Pid, Signal.Term);
    }

    /// <summary>Kills the program and, with it, every process of its namespace or group.</summary>
    public void Kill() => Signal.Send(Guarded ? -Pid : Pid, Signal.Kill);

    public void Dispose()
    {
        // Whatever the program left running in its group goes with it: nothing writes into the trial after its attempt.
        if (disposed) return;
        disposed = true;
        if (Guarded) Signal.Send(-Pid, Signal.Kill);
        else if (!process.HasExited) Signal.Send(Pid, Signal.Kill);
        owner.Join(TimeSpan.FromSeconds(10));
        process.Dispose();
    }

    /// <summary>The program's path: as given when it names a folder (relative to <paramref name="workingDir"/>), else found on PATH; null when missing.</summary>
    public static string? Resolve(string program, string workingDir)
    {
        if (program.Contains('/'))
        {
            var full = Path.GetFullPath(program, workingDir);
            return File.Exists(full) ? full : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }
        return null;
    }
}
