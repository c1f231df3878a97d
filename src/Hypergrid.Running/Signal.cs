using System.Runtime.InteropServices;

namespace Hypergrid.Running;

/// <summary>POSIX signals to other processes: workers get SIGTERM so they release their claims.</summary>
public static partial class Signal
{
    public static bool Term(int pid) => Kill(pid, 15) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
