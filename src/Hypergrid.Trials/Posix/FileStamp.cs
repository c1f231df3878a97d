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

    /// <summary>The stamp of <paramref name="path"/> itself (a link's own, not its target's); <see cref="Absent"/> when missing; null when it cannot be told (not Linux, no access).</summary>
    public static FileStamp? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        Span<byte> buffer = stackalloc byte[256];
        if (Native.Statx(Native.AtFdCwd, path, Native.AtSymlinkNoFollow, Native.StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
            return Marshal.GetLastPInvokeError() is 2 or 20 ? Absent : null; // ENOENT, ENOTDIR
        static long At(ReadOnlySpan<byte> b, int offset) => MemoryMarshal.Read<long>(b[offset..]);
        static long Nanoseconds(ReadOnlySpan<byte> b, int offset) => At(b, offset) * 1_000_000_000L + MemoryMarshal.Read<uint>(b[(offset + 8)..]);
        var dev = (long)MemoryMarshal.Read<uint>(buffer[136..]) << 32 | MemoryMarshal.Read<uint>(buffer[140..]);
        return new FileStamp(dev, At(buffer, 32), At(buffer, 40), Nanoseconds(buffer, 112), Nanoseconds(buffer, 96));
    }
}
