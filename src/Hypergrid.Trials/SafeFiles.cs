using System.Runtime.InteropServices;

namespace Hypergrid.Trials;

/// <summary>
/// The one gate every reader of out/log goes through: a file is opened beneath the root, every component of its path
/// resolved again on every open relative to the root's own descriptor (openat2 RESOLVE_BENEATH, or a walk of
/// openat(O_NOFOLLOW) where that is missing: <see cref="Posix.Beneath"/>), so no link, and no folder replaced by a link
/// since an earlier read, leads a read out of it; and only a regular file is read (a FIFO named batch_log.partial.csv
/// would hang a reader). Anything else reads as absent.
/// </summary>
public static partial class SafeFiles
{
    /// <summary>Opens a regular file under <paramref name="root"/> for reading (sharing with writers), or null.</summary>
    public static FileStream? Open(string root, string path)
    {
        if (!OperatingSystem.IsLinux() || StatOffsets() is null)
        {
            if (Resolve(root, path) is not { } real) return null;
            try { return new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        }
        if (OpenBeneath(root, path) is not { } opened) return null;
        if (!opened.Regular) { opened.Handle.Dispose(); return null; }
        try { return new FileStream(opened.Handle, FileAccess.Read); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            opened.Handle.Dispose();
            return null;
        }
    }

    /// <summary>The whole file's bytes, or null (see <see cref="Open"/>).</summary>
    public static byte[]? ReadAll(string root, string path)
    {
        if (OpenBeneath(root, path) is { } opened)
            using (opened.Handle)
                return opened.Regular ? ReadAll(opened.Handle, opened.Length) : null;
        if (OperatingSystem.IsLinux() && StatOffsets() is not null) return null;
        using var stream = Open(root, path);
        if (stream is null) return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The real path of a regular file or folder under the root, or null when it is missing, elsewhere or special.</summary>
    public static string? Resolve(string root, string path, bool folder = false)
    {
        var realRoot = RealPath(root);
        var real = RealPath(path);
        if (realRoot is null || real is null) return null;
        if (!Within(realRoot, real)) return null;
        return Kind(real) == (folder ? FileKind.Directory : FileKind.Regular) ? real : null;
    }

    /// <summary>
    /// Whether <paramref name="path"/> leads to something that exists outside <paramref name="root"/> (through a link on its
    /// way, or at its end): its real path, which nothing here opens, is not beneath the root's. False when it is missing.
    /// </summary>
    public static bool LeadsOut(string root, string path)
    {
        var realRoot = RealPath(root);
        var real = RealPath(path);
        return realRoot is not null && real is not null && !Within(realRoot, real);
    }

    private static bool Within(string realRoot, string real) => real == realRoot || real.StartsWith(realRoot.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>
    /// Opens a trial's own file (claim.json, run.json, checkpoint.bin, model.safetensors): Hypergrid writes each as a
    /// regular file (by rename), never a link, so anything else (a link, which could lead out of out/log; a FIFO, which
    /// would block the reader; a device) reads as absent. Null when missing or refused.
    /// </summary>
    public static FileStream? OpenOwn(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            if (!IsPlainFile(path)) return null;
            try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        }
        return OpenNoFollow(path, ORead, FileAccess.Read);
    }

    /// <summary>A trial's own file's bytes (see <see cref="OpenOwn"/>), or null.</summary>
    public static byte[]? ReadOwnBytes(string path)
    {
        // Four system calls (open, fstat, read, close) where a stream makes seven: a report reads 10,000 run.json files.
        if (OpenOwnPlain(path) is { } plain)
            using (plain.Handle)
                return plain.Regular ? ReadAll(plain.Handle, plain.Length) : null;
        using var stream = OpenOwn(path);
        if (stream is null) return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Opens (creating it) a file Hypergrid appends to in a folder a program may write in (worker.log): O_APPEND, so
    /// every write lands at the end, and never through a link or into a FIFO a program put in its place. Null when
    /// the name holds something else than a regular file (the caller removes it and tries again).
    /// </summary>
    public static FileStream? OpenOwnForAppend(string path)
    {
        if (!OperatingSystem.IsLinux()) return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return OpenNoFollow(path, OWrite | OCreate | OAppend, FileAccess.Write);
    }

    // open(2) flags (Linux: x64 and arm64 share these values).
    private const int ORead = 0, OWrite = 1, OCreate = 0x40, OAppend = 0x400, ONonBlock = 0x800, ONoFollow = 0x20000, OCloseOnExec = 0x80000;

    // O_NOFOLLOW: a link at the last component fails the open (no check-then-open race); O_NONBLOCK: a FIFO does not
    // block it; fstat on the open file: only a regular file is kept.
    private static FileStream? OpenNoFollow(string path, int flags, FileAccess access)
    {
        var fd = open(path, flags | ONoFollow | ONonBlock | OCloseOnExec, 0b110_100_100);
        if (fd < 0) return null;
        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[256];
        var offset = RuntimeInformation.ProcessArchitecture switch { Architecture.X64 => 24, Architecture.Arm64 => 16, _ => -1 };
        if (offset < 0 || fstat(fd, buffer) != 0 || (BitConverter.ToUInt32(buffer, offset) & 0xF000) != 0x8000)
        {
            handle.Dispose();
            return null;
        }
        try { return new FileStream(handle, access); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            handle.Dispose();
            return null;
        }
    }

    /// <summary>A trial's own file as text (see <see cref="OpenOwn"/>), or null.</summary>
    public static string? ReadOwnText(string path)
    {
        using var stream = OpenOwn(path);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Whether a path is itself a regular file: not a link (not followed), folder, FIFO, socket or device.</summary>
    public static bool IsPlainFile(string path)
    {
        try { return !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint) && Kind(path) == FileKind.Regular; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Whether a path (links followed) is a regular file: not a folder, FIFO, socket or device.</summary>
    public static bool IsRegularFile(string path) => Kind(path) == FileKind.Regular;

    private enum FileKind { Other, Regular, Directory }

    private static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return Path.GetFullPath(path);
        return Posix.Beneath.RealPath(Path.GetFullPath(path));
    }

    // stat(2)'s st_mode: S_IFREG / S_IFDIR. Its offset in struct stat is fixed per architecture.
    private static FileKind Kind(string real)
    {
        if (!OperatingSystem.IsLinux()) return File.Exists(real) ? FileKind.Regular : Directory.Exists(real) ? FileKind.Directory : FileKind.Other;
        var offset = RuntimeInformation.ProcessArchitecture switch { Architecture.X64 => 24, Architecture.Arm64 => 16, _ => -1 };
        if (offset < 0) return File.Exists(real) ? FileKind.Regular : Directory.Exists(real) ? FileKind.Directory : FileKind.Other;
        var buffer = new byte[256];
        if (stat(real, buffer) != 0) return FileKind.Other;
        var mode = BitConverter.ToUInt32(buffer, offset) & 0xF000;
        return mode switch { 0x8000 => FileKind.Regular, 0x4000 => FileKind.Directory, _ => FileKind.Other };
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int stat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial int fstat(int fd, [Out] byte[] buffer);
}
