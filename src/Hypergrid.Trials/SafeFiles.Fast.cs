using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials;

// The few system calls a reader of every trial makes (a report of 10,000 trials reads three files of each): a plain file
// in a folder already found under the root is opened without following a link and without blocking on a FIFO, and the
// open file's fstat says whether it is regular, how long, and when it was written. A link, and anything that does not
// open so, takes the general path (every link resolved): the same answers, in more calls.
public static partial class SafeFiles
{
    /// <summary>A regular file's bytes and last write time (UTC) under the root, or null (see <see cref="Open"/>).</summary>
    public static (byte[] Bytes, DateTime Written)? ReadAllWritten(string root, string path)
    {
        if (OpenPlain(root, path) is { } plain)
            using (plain.Handle)
                return plain.Regular ? (ReadAll(plain.Handle, plain.Length), plain.Written) : null;
        return ReadAll(root, path) is { } bytes ? (bytes, File.GetLastWriteTimeUtc(path)) : null;
    }

    /// <summary>When a regular file under the root was last written (UTC), or null when it may not be read (see <see cref="Open"/>).</summary>
    public static DateTime? RegularWritten(string root, string path)
    {
        // A link's time is .NET's answer for it (the link's own), as readers compared it before this path.
        if (!OperatingSystem.IsLinux() || StatOffsets() is not { } offsets || !Inside(root, path)) return Checked(root, path) is not null ? File.GetLastWriteTimeUtc(path) : null;
        var buffer = new byte[256];
        if (lstat(path, buffer) != 0) return null;
        var mode = BitConverter.ToUInt32(buffer, offsets.Mode) & 0xF000;
        if (mode == 0xA000) return Checked(root, path) is not null ? File.GetLastWriteTimeUtc(path) : null; // a link: resolved
        return mode == 0x8000 ? Written(buffer, offsets) : null;
    }

    private static bool Inside(string root, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Folders.TryGetValue((root, folder), out var known)) return known;
        var plain = PlainSubfolder(root, folder);
        var inside = plain is not null || Resolve(root, folder, folder: true) is not null;
        Remember(root, folder, inside, plain);
        return inside;
    }

    // Bounded (a long-lived server meets folders without end), and counted apart: a ConcurrentDictionary's Count takes
    // every lock (14% of a first trial list of 100,000), and a bound of 100,000 emptied it again and again at that size.
    // A folder found under the root keeps its identity (device and inode, as lstat saw it), which a folder found later
    // under it is checked against.
    private static void Remember(string root, string folder, bool inside, (ulong Dev, ulong Ino)? identity)
    {
        if (Interlocked.Increment(ref foldersAdded) > MaxFolders)
        {
            Folders.Clear();
            Identities.Clear();
            Interlocked.Exchange(ref foldersAdded, 0);
        }
        if (inside && (identity ?? FolderIdentity(folder)) is { } id) Identities[(root, folder)] = id;
        Folders[(root, folder)] = inside;
    }

    private const int MaxFolders = 1_000_000;
    private static int foldersAdded;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Root, string Folder), (ulong Dev, ulong Ino)> Identities = new();

    // A folder that is itself a folder (not a link), in a parent already found under the root and still the very folder
    // it was then (not since replaced, itself or a folder above it, by a link leading elsewhere: its device and inode
    // would differ), is under the root: two lstat calls instead of resolving every component again (a report's 10,000
    // trial folders share a few leaves). Its identity when it is; null: unknown, resolve it.
    private static (ulong Dev, ulong Ino)? PlainSubfolder(string root, string folder)
    {
        if (!OperatingSystem.IsLinux() || StatOffsets() is null || Path.GetDirectoryName(folder) is not { } parent) return null;
        if (Folders.TryGetValue((root, parent), out var parentInside))
        {
            if (!parentInside || !Identities.TryGetValue((root, parent), out var then) || FolderIdentity(parent) != then) return null;
        }
        else
        {
            // The parent once (the first trial of a leaf), by the same rule, so that its own parent is known next time.
            if (parent.Length <= Path.GetFullPath(root).TrimEnd('/').Length) return null;
            var parentPlain = PlainSubfolder(root, parent);
            parentInside = parentPlain is not null || Resolve(root, parent, folder: true) is not null;
            Remember(root, parent, parentInside, parentPlain);
            if (!parentInside) return null;
        }
        return FolderIdentity(folder);
    }

    // A folder itself (lstat: not a link to one): its device and inode; null otherwise.
    private static (ulong Dev, ulong Ino)? FolderIdentity(string folder)
    {
        if (StatOffsets() is not { } offsets) return null;
        var buffer = new byte[256];
        if (lstat(folder, buffer) != 0 || (BitConverter.ToUInt32(buffer, offsets.Mode) & 0xF000) != 0x4000) return null;
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8)); // st_dev, st_ino: first in struct stat on x64 and arm64
    }

    // Null: take the general path (not Linux, the folder is outside, or the name is a link or missing).
    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? OpenPlain(string root, string path) =>
        OperatingSystem.IsLinux() && StatOffsets() is not null && Inside(root, path) ? OpenStat(path, ORead | ONoFollow | ONonBlock | OCloseOnExec) : null;

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

    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? OpenStat(string path, int flags)
    {
        var offsets = StatOffsets()!.Value;
        var fd = open(path, flags, 0);
        if (fd < 0) return null;
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[256];
        if (fstat(fd, buffer) != 0)
        {
            handle.Dispose();
            return null;
        }
        var regular = (BitConverter.ToUInt32(buffer, offsets.Mode) & 0xF000) == 0x8000;
        return (handle, regular, BitConverter.ToInt64(buffer, offsets.Size), Written(buffer, offsets));
    }

    private static byte[] ReadAll(SafeFileHandle handle, long length)
    {
        var bytes = new byte[length];
        var have = 0;
        while (have < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(have), have) is var n and > 0) have += n;
        return have == bytes.Length ? bytes : bytes[..have];
    }

    // st_mtim as .NET reads it (whole 100 ns ticks), so that two times compare as File.GetLastWriteTimeUtc's do.
    private static DateTime Written(byte[] stat, (int Mode, int Size, int Mtime) offsets) =>
        DateTime.UnixEpoch.AddTicks(BitConverter.ToInt64(stat, offsets.Mtime) * TimeSpan.TicksPerSecond + BitConverter.ToInt64(stat, offsets.Mtime + 8) / 100);

    // struct stat's st_mode, st_size and st_mtim on Linux x64 and arm64 (the same offsets but st_mode's).
    private static (int Mode, int Size, int Mtime)? StatOffsets() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (24, 48, 88),
        Architecture.Arm64 => (16, 48, 88),
        _ => null,
    };

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat(string path, [Out] byte[] buffer);
}
