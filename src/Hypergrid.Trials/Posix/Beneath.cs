using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials.Posix;

/// <summary>
/// Opens a file beneath a root folder the kernel holds open: every component of the path is resolved again on every open,
/// relative to the root's own file descriptor, and no step may leave it (not by "..", not by a link, not by a folder
/// replaced by a link since an earlier read). With openat2(2) (Linux 5.6 and later) the kernel enforces it
/// (RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS; a link that stays beneath is followed). Where openat2 is missing or refused
/// (an older kernel, a seccomp filter) each component is opened with openat(O_NOFOLLOW) from its parent's descriptor.
/// A link the first try cannot follow (an absolute one, or any link on the walk) is resolved by realpath(3) and, when it
/// ends under the root, the resolved path is opened the same way with no link allowed at all: if a link appeared there
/// since, the open fails. Linux only.
/// </summary>
internal static partial class Beneath
{
    private const int OPath = 0x200000, ODirectory = 0x10000, ONoFollow = 0x20000, OCloExec = 0x80000;
    private const ulong ResolveNoMagicLinks = 0x02, ResolveNoSymlinks = 0x04, ResolveBeneath = 0x08;
    private const int ENoEnt = 2, EAgain = 11, EXDev = 18, ENotDir = 20, ELoop = 40;
    private const long SysOpenat2 = 437; // the same number on x64 and arm64

    /// <summary>How paths are resolved here: "openat2" or "openat walk" (decided once per process).</summary>
    public static string Mode => Openat2Here ? "openat2" : "openat walk";

    private static readonly bool Openat2Here = Environment.GetEnvironmentVariable("HYPERGRID_NO_OPENAT2") != "1" && Openat2Works();

    /// <summary>Tests: this thread walks (as where openat2 is missing), whatever the kernel offers.</summary>
    [ThreadStatic] internal static bool WalkOnThisThread;

    internal static bool UseOpenat2 => Openat2Here && !WalkOnThisThread;

    // A root's descriptor with its device and inode and real path, kept while the root path names that very folder.
    private sealed record Root(SafeFileHandle Handle, ulong Dev, ulong Ino, string Full, string? Real, long Checked);

    private static readonly ConcurrentDictionary<string, Root> Roots = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens <paramref name="path"/> beneath <paramref name="root"/> with open(2) <paramref name="flags"/> (O_CLOEXEC added),
    /// or returns -1: missing, outside the root, or reached through a link that leaves it. <paramref name="followLast"/>:
    /// false refuses a link as the last component, as O_NOFOLLOW does, and says so in <paramref name="lastIsLink"/>.
    /// </summary>
    public static int Open(string root, string path, int flags, bool followLast, out bool lastIsLink)
    {
        lastIsLink = false;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (RootOf(root, fresh: attempt > 0) is not { } r) return -1;
            var full = Path.GetFullPath(path);
            if (Relative(r, full) is not { } rel) return -1;
            var fd = Resolve(r, rel, flags, followLast, noLinks: false, out var errno);
            if (fd >= 0) return fd;
            if (UseOpenat2 && errno == ELoop && !followLast)
            {
                lastIsLink = true;
                return -1;
            }
            // openat2 says EXDEV for a link it may not follow beneath (an absolute one, or one climbing out); a walk says
            // ELOOP or ENOTDIR for any link.
            if (UseOpenat2 ? errno == EXDev : errno is ELoop or ENotDir)
            {
                // A link the first try does not follow (absolute, or any on a walk): where it really leads, if beneath.
                if (!followLast && IsLink(full))
                {
                    lastIsLink = true;
                    return -1;
                }
                if (RealPath(full) is not { } real || RealPath(r.Full) is not { } realRoot || Under(realRoot, real) is not { } relReal) return -1;
                return Resolve(r, relReal, flags, followLast, noLinks: true, out _);
            }
            // Missing: the root may have been replaced since its descriptor was opened (a study cleaned and run again).
            if (errno != ENoEnt) return -1;
        }
        return -1;
    }

    /// <summary>
    /// A folder beneath <paramref name="root"/> opened O_PATH, a link within the root followed as the path readers follow
    /// it (a trial folder, or a leaf whose trials' files are then opened or stamped relative to it); null when it does not
    /// open beneath the root (gone, or swapped for a link out of it).
    /// </summary>
    public static SafeFileHandle? OpenFolder(string root, string path)
    {
        var fd = Open(root, path, OPath | ODirectory, followLast: true, out _);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    private static int Resolve(Root r, string rel, int flags, bool followLast, bool noLinks, out int errno)
    {
        var last = followLast ? 0 : ONoFollow;
        if (UseOpenat2)
        {
            var how = new OpenHow { Flags = (ulong)(flags | last | OCloExec), Resolve = ResolveBeneath | ResolveNoMagicLinks | (noLinks ? ResolveNoSymlinks : 0) };
            for (var tries = 0; ; tries++)
            {
                var fd = (int)Openat2(r.Handle, rel, ref how, (nuint)Marshal.SizeOf<OpenHow>());
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                // EAGAIN: a rename or mount anywhere raced the resolution; the kernel asks for a retry.
                if (fd >= 0 || errno != EAgain || tries == 3) return fd;
            }
        }
        return Walk(r.Handle, rel, flags | last, out errno);
    }

    // Each folder opened from its parent's descriptor, never through a link; the last with the caller's flags.
    private static int Walk(SafeFileHandle root, string rel, int flags, out int errno)
    {
        var parts = rel.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) parts = ["."];
        var dir = -1; // -1: the root's own descriptor
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var isLast = i == parts.Length - 1;
                var next = OpenAt(dir < 0 ? (int)root.DangerousGetHandle() : dir, parts[i], isLast ? flags | ONoFollow | OCloExec : OPath | ODirectory | ONoFollow | OCloExec, 0);
                errno = next < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (dir >= 0) Close(dir);
                dir = -1;
                if (next < 0) return -1;
                if (isLast) return next;
                dir = next;
            }
        }
        finally
        {
            if (dir >= 0) Close(dir);
        }
        errno = ENoEnt;
        return -1;
    }

    private static Root? RootOf(string root, bool fresh)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        if (full.Length == 0) full = "/";
        // Looked at again each second, and at once when a file is missing: a root replaced meanwhile is read as it was
        // (never anything outside it) for at most that second.
        if (!fresh && Roots.TryGetValue(full, out var known) && Environment.TickCount64 - known.Checked < 1000) return known;
        // The root itself may be a link (out/ on another disk): it is the user's to choose, so it is followed.
        var fd = OpenAt(-100 /* AT_FDCWD */, full, OPath | ODirectory | OCloExec, 0);
        if (fd < 0) { Roots.TryRemove(full, out _); return null; }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[256];
        if (Fstat(fd, buffer) != 0) { handle.Dispose(); return null; }
        var (dev, ino) = (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8)); // st_dev, st_ino: first on x64 and arm64
        if (Roots.TryGetValue(full, out known) && known.Dev == dev && known.Ino == ino)
        {
            handle.Dispose();
            return Roots[full] = known with { Checked = Environment.TickCount64 };
        }
        var made = new Root(handle, dev, ino, full, RealPath(full), Environment.TickCount64);
        // A replaced root's descriptor is closed by its finalizer: another thread may be opening beneath it right now.
        // A process meets few roots (a test run, many): past 64 they are forgotten, and opened again when asked.
        if (!Roots.ContainsKey(full) && Roots.Count >= 64) Roots.Clear();
        Roots[full] = made;
        return made;
    }

    private static string? Relative(Root r, string full) =>
        Under(r.Full, full) ?? (r.Real is { } real ? Under(real, full) : null);

    // The path below a folder ("." for the folder itself), or null when it is not below it. No string but the answer is
    // made (a first trial list asks 100,000 times).
    private static string? Under(string folder, string full)
    {
        var f = folder.AsSpan().TrimEnd('/');
        if (!full.AsSpan().StartsWith(f, StringComparison.Ordinal)) return null;
        if (full.Length == f.Length || full.Length == f.Length + 1 && full[^1] == '/') return ".";
        return full[f.Length] == '/' ? full[(f.Length + 1)..] : null;
    }

    private static bool IsLink(string path)
    {
        var buffer = new byte[256];
        return Lstat(path, buffer) == 0 && (BitConverter.ToUInt32(buffer, ModeOffset) & 0xF000) == 0xA000;
    }

    private static int ModeOffset => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : 24;

    /// <summary>realpath(3): every link resolved; null when missing.</summary>
    public static string? RealPath(string path)
    {
        var p = Realpath(path, IntPtr.Zero);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Free(p); }
    }

    // One openat2 of the current folder: ENOSYS (before 5.6) or EPERM (a seccomp filter) says to walk instead.
    private static bool Openat2Works()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            using var cwd = new SafeFileHandle(OpenAt(-100, "/", OPath | ODirectory | OCloExec, 0), ownsHandle: true);
            if (cwd.IsInvalid) return false;
            var how = new OpenHow { Flags = (ulong)(OPath | ODirectory | OCloExec), Resolve = ResolveBeneath | ResolveNoMagicLinks };
            var fd = (int)Openat2(cwd, ".", ref how, (nuint)Marshal.SizeOf<OpenHow>());
            if (fd >= 0) { Close(fd); return true; }
            return false; // ENOSYS (before 5.6), EPERM (a seccomp filter) or anything else: walk instead
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long Openat2Syscall(long number, SafeFileHandle dirfd, string path, ref OpenHow how, nuint size);

    private static long Openat2(SafeFileHandle dirfd, string path, ref OpenHow how, nuint size) => Openat2Syscall(SysOpenat2, dirfd, path, ref how, size);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int dirfd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr p);

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static partial int Fstat(int fd, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lstat(string path, [Out] byte[] buffer);
}
