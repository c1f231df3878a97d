using System.Diagnostics;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A preloaded flock(2) that does not lock, as on NFS mounted nolock or Lustre with localflock across nodes: a no-op that
/// succeeds, or one that fails with ENOLCK. Compiled with gcc once per test run, into a temp folder.
/// </summary>
public static class FlockShim
{
    private const string Source = """
        #include <errno.h>
        #include <stdlib.h>
        #include <string.h>
        int flock(int fd, int operation) {
            const char *mode = getenv("HYPERGRID_TEST_FLOCK");
            (void)fd; (void)operation;
            if (mode && strcmp(mode, "enolck") == 0) { errno = ENOLCK; return -1; }
            return 0;
        }
        """;

    private static readonly Lazy<string> Library = new(Compile);

    /// <summary>The environment that preloads the shim in the given mode ("noop" or "enolck").</summary>
    public static Dictionary<string, string> Environment(string mode) => new() { ["LD_PRELOAD"] = Library.Value, ["HYPERGRID_TEST_FLOCK"] = mode };

    private static string Compile()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hypergrid-flockshim-{System.Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var so = Path.Combine(dir, "flockshim.so");
        if (File.Exists(so)) return so;
        File.WriteAllText(Path.Combine(dir, "flockshim.c"), Source);
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-shared", "-fPIC", "-O2", "-o", so, Path.Combine(dir, "flockshim.c")]) { RedirectStandardError = true })!;
        var error = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException("gcc could not build the flock shim: " + error);
        return so;
    }
}
