using System.Diagnostics;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A preloaded library that makes this filesystem behave like a poorer shared one, chosen by HYPERGRID_TEST_FS:
/// "noop" (flock does not lock, as on NFS mounted nolock or Lustre with localflock across nodes), "enolck" (flock fails
/// with ENOLCK), "noexcl" (open ignores O_EXCL, a filesystem no cluster should use). Compiled with gcc once per test
/// run, into a temp folder.
/// </summary>
public static class FilesystemShim
{
    private const string Source = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <fcntl.h>
        #include <stdarg.h>
        #include <stdlib.h>
        #include <string.h>
        static int is(const char *mode) { const char *m = getenv("HYPERGRID_TEST_FS"); return m && strcmp(m, mode) == 0; }
        int flock(int fd, int operation) {
            static int (*real)(int, int);
            if (is("enolck")) { errno = ENOLCK; return -1; }
            if (is("noop")) return 0;
            if (!real) real = dlsym(RTLD_NEXT, "flock");
            return real(fd, operation);
        }
        static int opened(const char *name, const char *path, int flags, mode_t mode) {
            int (*real)(const char *, int, ...) = dlsym(RTLD_NEXT, name);
            if (is("noexcl")) flags &= ~O_EXCL;
            return real(path, flags, mode);
        }
        int open(const char *path, int flags, ...) { va_list a; va_start(a, flags); mode_t m = va_arg(a, int); va_end(a); return opened("open", path, flags, m); }
        int open64(const char *path, int flags, ...) { va_list a; va_start(a, flags); mode_t m = va_arg(a, int); va_end(a); return opened("open64", path, flags, m); }
        """;

    private static readonly Lazy<string> Library = new(Compile);

    /// <summary>The environment that preloads the shim in the given mode ("noop", "enolck" or "noexcl").</summary>
    public static Dictionary<string, string> Environment(string mode) => new() { ["LD_PRELOAD"] = Library.Value, ["HYPERGRID_TEST_FS"] = mode };

    private static string Compile()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hypergrid-fsshim-{System.Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var so = Path.Combine(dir, "fsshim.so");
        if (File.Exists(so)) return so;
        File.WriteAllText(Path.Combine(dir, "fsshim.c"), Source);
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-shared", "-fPIC", "-O2", "-o", so, Path.Combine(dir, "fsshim.c"), "-ldl"]) { RedirectStandardError = true })!;
        var error = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException("gcc could not build the filesystem shim: " + error);
        return so;
    }
}
