using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Posix;

/// <summary>
/// What tells one version of a file from another without reading it: device, inode, size, and modification and change
/// times in nanoseconds, from one statx(2) that does not follow a link. A file rewritten in place with its size and
/// modification time set back still has a new change time (no call sets it back); a file replaced by rename has a new
/// inode. <see cref="Absent"/> stands for no file at all.
/// </summary>
public readonly record struct FileStamp(long Dev, long Ino, long Size, long MtimeNs, long CtimeNs)
{
    /// <summary>No file by that name.</summary>
    public static readonly FileStamp Absent = new(0, 0, -1, 0, 0);

    /// <summary>
    /// The stamp of the regular file <paramref name="path"/>; <see cref="Absent"/> when missing; null when it cannot be
    /// told: not Linux, no access, no statx, or not a regular file (a link's own stamp says nothing of what a reader
    /// following it reads).
    /// </summary>
    public static FileStamp? Of(string path) => Of(path, "");

    /// <summary>As <see cref="Of(string)"/> for <paramref name="folder"/>/<paramref name="name"/>, the path made on the stack (a report stamps 40,000 files).</summary>
    public static FileStamp? Of(string folder, string name)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var size = System.Text.Encoding.UTF8.GetMaxByteCount(folder.Length + name.Length + 1) + 1;
        var rented = size > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
        var path = rented ?? stackalloc byte[1024];
        try
        {
            var at = System.Text.Encoding.UTF8.GetBytes(folder, path);
            if (name.Length > 0)
            {
                if (at == 0 || path[at - 1] != (byte)'/') path[at++] = (byte)'/';
                at += System.Text.Encoding.UTF8.GetBytes(name, path[at..]);
            }
            path[at] = 0;
            return Relative(Native.AtFdCwd, path);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // STATX_TYPE | STATX_INO | STATX_SIZE | STATX_MTIME | STATX_CTIME.
    private const uint Needed = 0x1 | 0x100 | 0x200 | 0x40 | 0x80;

    /// <summary>Whether the file open on <paramref name="handle"/> is owned by this process's effective user (false where that cannot be told).</summary>
    public static bool OwnedByMe(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return false;
        Span<byte> buffer = stackalloc byte[256];
        byte empty = 0;
        try
        {
            return Native.Statx((int)handle.DangerousGetHandle(), ref empty, Native.AtEmptyPath, 0x8 /* STATX_UID */, ref MemoryMarshal.GetReference(buffer)) == 0
                && (MemoryMarshal.Read<uint>(buffer) & 0x8) != 0 && MemoryMarshal.Read<uint>(buffer[20..]) == Native.Geteuid();
        }
        catch (EntryPointNotFoundException) { return false; }
    }

    /// <summary>As <see cref="Of(string)"/> for <paramref name="path"/> (UTF-8, NUL-terminated) relative to the folder open on <paramref name="dirfd"/>.</summary>
    /// <paramref name="sync"/>: AT_STATX_FORCE_SYNC, the attributes asked of the server on a network file system (NFS keeps
    /// them cached for up to a minute, so a file changed on another node would stamp as it was); nothing changes on a local one.
    internal static FileStamp? Relative(int dirfd, ReadOnlySpan<byte> path, bool sync = false)
    {
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Native.Statx(dirfd, ref MemoryMarshal.GetReference(path), Native.AtSymlinkNoFollow | (sync ? Native.AtStatxForceSync : 0), Native.StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
                return Marshal.GetLastPInvokeError() is 2 or 20 ? Absent : null; // ENOENT, ENOTDIR
        }
        catch (EntryPointNotFoundException) { return null; } // a C library without statx (musl before 1.2.5)
        // Every field asked for given (a file system may leave some out), and a regular file (0100000 in the mode's type bits).
        if ((MemoryMarshal.Read<uint>(buffer) & Needed) != Needed || (MemoryMarshal.Read<ushort>(buffer[28..]) & 0xF000) != 0x8000) return null;
        static long At(ReadOnlySpan<byte> b, int offset) => MemoryMarshal.Read<long>(b[offset..]);
        static long Nanoseconds(ReadOnlySpan<byte> b, int offset) => At(b, offset) * 1_000_000_000L + MemoryMarshal.Read<uint>(b[(offset + 8)..]);
        var dev = (long)MemoryMarshal.Read<uint>(buffer[136..]) << 32 | MemoryMarshal.Read<uint>(buffer[140..]);
        return new FileStamp(dev, At(buffer, 32), At(buffer, 40), Nanoseconds(buffer, 112), Nanoseconds(buffer, 96));
    }
}
