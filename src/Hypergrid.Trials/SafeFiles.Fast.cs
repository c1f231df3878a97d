using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials;

// The few system calls a reader of every trial makes (a report of 10,000 trials reads three files of each, a first trial
// list of 100,000 two): one open beneath the root (see Posix.Beneath), whose fstat says whether it is regular, how long,
// and when it was written.
public static partial class SafeFiles
{
    /// <summary>A regular file's bytes and last write time (UTC) under the root, or null (see <see cref="Open"/>).</summary>
    public static (byte[] Bytes, DateTime Written)? ReadAllWritten(string root, string path)
    {
        if (OpenBeneath(root, path) is { } opened)
            using (opened.Handle)
                return opened.Regular ? (ReadAll(opened.Handle, opened.Length), opened.Linked ? File.GetLastWriteTimeUtc(path) : opened.Written) : null;
        if (OperatingSystem.IsLinux() && StatOffsets() is not null) return null;
        return ReadAll(root, path) is { } bytes ? (bytes, File.GetLastWriteTimeUtc(path)) : null;
    }

    /// <summary>When a regular file under the root was last written (UTC), or null when it may not be read (see <see cref="Open"/>).</summary>
    public static DateTime? RegularWritten(string root, string path)
    {
        if (!OperatingSystem.IsLinux() || StatOffsets() is null) return Resolve(root, path) is not null ? File.GetLastWriteTimeUtc(path) : null;
        if (OpenBeneath(root, path) is not { } opened) return null;
        using (opened.Handle)
            // A link's time is .NET's answer for it, as readers compared it before this path.
            return opened.Regular ? opened.Linked ? File.GetLastWriteTimeUtc(path) : opened.Written : null;
    }

    /// <summary>How this process opens files beneath a root: "openat2" (Linux 5.6 and later) or "openat walk".</summary>
    public static string BeneathMode => Posix.Beneath.Mode;

    // Opened beneath the root and fstat'ed: the last component not followed first (the common case: one call), then
    // followed (a link that stays beneath the root; Linked says so). Null: refused, missing, or not Linux.
    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written, bool Linked)? OpenBeneath(string root, string path)
    {
        if (!OperatingSystem.IsLinux() || StatOffsets() is null) return null;
        var fd = Posix.Beneath.Open(root, path, ORead | ONonBlock, followLast: false, out var linked);
        if (linked) fd = Posix.Beneath.Open(root, path, ORead | ONonBlock, followLast: true, out _);
        if (fd < 0) return null;
        return Fstat(new SafeFileHandle(fd, ownsHandle: true)) is { } o ? (o.Handle, o.Regular, o.Length, o.Written, linked) : null;
    }

    // A trial's own file (see OpenOwn), opened and fstat'ed; null: take the general path (not Linux, or missing, or a link).
    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? OpenOwnPlain(string path) =>
        OperatingSystem.IsLinux() && StatOffsets() is not null ? OpenStat(path, ORead | ONoFollow | ONonBlock | OCloseOnExec) : null;

    /// <summary>
    /// Opens a file for reading following links, as File.OpenHandle does, but without blocking on a FIFO and without its
    /// lock and extra fstat calls: the open handle, whether it is a regular file, and its length. Null where this fast path
    /// does not apply (not Linux) or the open failed: the caller then takes its general path, which says why.
    /// </summary>
    public static (SafeFileHandle Handle, bool Regular, long Length)? OpenFollowing(string path) =>
        OperatingSystem.IsLinux() && StatOffsets() is not null && OpenStat(path, ORead | ONonBlock | OCloseOnExec) is { } o ? (o.Handle, o.Regular, o.Length) : null;

    /// <summary>
    /// As <see cref="OpenFollowing(string)"/>, beneath <paramref name="root"/>: a link that stays beneath it is followed, one
    /// that leads out of it is not opened (null, as for a missing file; <see cref="LeadsOut"/> tells them apart).
    /// </summary>
    public static (SafeFileHandle Handle, bool Regular, long Length)? OpenFollowing(string root, string path) =>
        OpenBeneath(root, path) is { } o ? (o.Handle, o.Regular, o.Length) : null;

    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? OpenStat(string path, int flags)
    {
        var fd = open(path, flags, 0);
        return fd < 0 ? null : Fstat(new SafeFileHandle(fd, ownsHandle: true));
    }

    // The open file's fstat: whether it is regular, its length and write time; null (the handle closed) when it fails.
    // The buffer on the stack: a first trial list makes 300,000 of these.
    internal static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? Fstat(SafeFileHandle handle) => Fstat(handle, out _);

    /// <summary>
    /// As <see cref="Fstat(SafeFileHandle)"/>, with the <see cref="Posix.FileStamp"/> of the very file opened, from the
    /// same call (null unless it is a regular file): what the trial list's index keeps of each file it read, at no extra
    /// system call. The same values <see cref="Posix.FileStamp.Of(string)"/>'s statx gives (FileStampTests compare them).
    /// </summary>
    internal static unsafe (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? Fstat(SafeFileHandle handle, out Posix.FileStamp? stamp)
    {
        stamp = null;
        var offsets = StatOffsets()!.Value;
        var buffer = stackalloc byte[256];
        if (fstatAt((int)handle.DangerousGetHandle(), buffer) != 0)
        {
            handle.Dispose();
            return null;
        }
        var stat = new ReadOnlySpan<byte>(buffer, 256);
        var regular = (BitConverter.ToUInt32(stat[offsets.Mode..]) & 0xF000) == 0x8000;
        if (regular) stamp = StampOf(stat);
        return (handle, regular, BitConverter.ToInt64(stat[offsets.Size..]), Written(stat, offsets));
    }

    // struct stat's st_dev (glibc's dev_t: major and minor split across its bits) at 0, st_ino at 8, st_size at 48,
    // st_mtim at 88 and st_ctim at 104 on both x64 and arm64; the device as statx gives it, major << 32 | minor.
    private static Posix.FileStamp StampOf(ReadOnlySpan<byte> stat)
    {
        var dev = BitConverter.ToUInt64(stat);
        var major = ((dev & 0xfff00UL) >> 8) | ((dev & 0xfffff00000000000UL) >> 32);
        var minor = (dev & 0xffUL) | ((dev & 0xffffff00000UL) >> 12);
        static long Ns(ReadOnlySpan<byte> s, int at) => BitConverter.ToInt64(s[at..]) * 1_000_000_000L + BitConverter.ToInt64(s[(at + 8)..]);
        return new Posix.FileStamp((long)(major << 32 | minor), BitConverter.ToInt64(stat[8..]), BitConverter.ToInt64(stat[48..]), Ns(stat, 88), Ns(stat, 104));
    }

    // pread(2) until the length or the end: no seek probe, which a RandomAccess read of a handle made from a descriptor makes.
    internal static unsafe byte[] ReadAll(SafeFileHandle handle, long length)
    {
        var bytes = new byte[length];
        var have = 0;
        fixed (byte* start = bytes)
            while (have < bytes.Length)
            {
                var n = pread((int)handle.DangerousGetHandle(), start + have, bytes.Length - have, have);
                if (n < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */) continue;
                if (n <= 0) break;
                have += (int)n;
            }
        GC.KeepAlive(handle);
        return have == bytes.Length ? bytes : bytes[..have];
    }

    /// <summary>One positional read (pread(2) on Linux, without RandomAccess's seek probe): the bytes read, 0 at the end.</summary>
    internal static unsafe int ReadAt(SafeFileHandle handle, Span<byte> into, long offset)
    {
        if (!OperatingSystem.IsLinux()) return RandomAccess.Read(handle, into, offset);
        fixed (byte* start = into)
            while (true)
            {
                var n = pread((int)handle.DangerousGetHandle(), start, into.Length, offset);
                if (n < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */) continue;
                GC.KeepAlive(handle);
                if (n < 0) throw new IOException($"read failed: errno {Marshal.GetLastPInvokeError()}");
                return (int)n;
            }
    }

    // st_mtim as .NET reads it (whole 100 ns ticks), so that two times compare as File.GetLastWriteTimeUtc's do.
    private static DateTime Written(ReadOnlySpan<byte> stat, (int Mode, int Size, int Mtime) offsets) =>
        DateTime.UnixEpoch.AddTicks(BitConverter.ToInt64(stat[offsets.Mtime..]) * TimeSpan.TicksPerSecond + BitConverter.ToInt64(stat[(offsets.Mtime + 8)..]) / 100);

    // struct stat's st_mode, st_size and st_mtim on Linux x64 and arm64 (the same offsets but st_mode's).
    internal static (int Mode, int Size, int Mtime)? StatOffsets() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (24, 48, 88),
        Architecture.Arm64 => (16, 48, 88),
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static unsafe partial int fstatAt(int fd, byte* buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint pread(int fd, byte* buffer, nint count, long offset);
}
