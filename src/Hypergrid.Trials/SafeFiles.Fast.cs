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

    private static bool Inside(string root, string path) => InsideFolder(root, Path.GetDirectoryName(Path.GetFullPath(path))!);

    // A folder whose parent is known to be under the root and that is itself a plain folder (lstat: not a link) is under
    // the root: one lstat per folder instead of a realpath of every component (100,000 trial folders share their parents).
    // A link, the root itself, and anything not lexically below it are resolved in full.
    private static bool InsideFolder(string root, string folder)
    {
        if (Folders.TryGetValue((root, folder), out var known)) return known;
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var parent = Path.GetDirectoryName(folder);
        var inside = parent is not null && folder.Length > fullRoot.Length + 1 && folder.StartsWith(fullRoot + "/", StringComparison.Ordinal)
                     && InsideFolder(root, parent) && IsPlainFolder(folder)
                     || Resolve(root, folder, folder: true) is not null;
        // Bounded (a long-lived server meets folders without end); counted apart, as a ConcurrentDictionary's Count takes every lock.
        if (Interlocked.Increment(ref foldersAdded) > MaxFolders)
        {
            Folders.Clear();
            Interlocked.Exchange(ref foldersAdded, 0);
        }
        Folders[(root, folder)] = inside;
        return inside;
    }

    private const int MaxFolders = 1_000_000;
    private static int foldersAdded;

    // A folder itself, not a link to one (and no error).
    private static bool IsPlainFolder(string folder)
    {
        var buffer = new byte[256];
        return StatOffsets() is { } offsets && lstat(folder, buffer) == 0 && (BitConverter.ToUInt32(buffer, offsets.Mode) & 0xF000) == 0x4000;
    }

    // Null: take the general path (not Linux, the folder is outside, or the name is a link or missing).
    private static (SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? OpenPlain(string root, string path)
    {
        if (!OperatingSystem.IsLinux() || StatOffsets() is not { } offsets || !Inside(root, path)) return null;
        var fd = open(path, ORead | ONoFollow | ONonBlock | OCloseOnExec, 0);
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
