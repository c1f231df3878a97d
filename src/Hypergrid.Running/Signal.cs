using System.Runtime.InteropServices;

namespace Hypergrid.Running;

/// <summary>POSIX signals to other processes: workers get SIGTERM so they release their claims; programs and their groups too.</summary>
public static partial class Signal
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>SIGTERM to one process.</summary>
    public static bool TermProcess(int pid) => Send(pid, Term);

    /// <summary>Sends a signal to a process (pid &gt; 0) or a process group (-pgid).</summary>
    public static bool Send(int pid, int signal) => KillNative(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
