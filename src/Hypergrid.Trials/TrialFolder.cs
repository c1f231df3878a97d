using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials;

/// <summary>
/// One trial folder as a reader of every trial meets it (a first trial list reads 100,000): opened once beneath out/log
/// (see <see cref="TrialFolderOpener"/>) and its files then opened by their one-component names relative to that
/// descriptor, never through a link (O_NOFOLLOW): no path of eight folders looked up again from / for each file, and no
/// link or folder swapped in since leads a read out of out/log (the descriptor names the folder that was beneath it).
/// Whatever the fast open cannot settle (a link, which the path readers follow within out/log; an error other than a
/// missing file; not Linux) is read by the path readers exactly as before, so the answers are theirs.
/// </summary>
public sealed partial class TrialFolder : IDisposable
{
    private readonly SafeFileHandle? handle;
    private readonly bool gone;

    private TrialFolder(string path, SafeFileHandle? handle, bool gone = false)
    {
        Path = path;
        this.handle = handle;
        this.gone = gone;
    }

    /// <summary>The folder's path (what the path readers and the answers use).</summary>
    public string Path { get; }

    /// <summary>Whether it did not open beneath out/log (gone, or swapped for a link out): nothing of it is read, by any path.</summary>
    public bool Gone => gone;

    /// <summary>Whether its files are opened relative to the folder's own descriptor (false: by their paths).</summary>
    public bool Opened => handle is not null;

    /// <summary>A folder read by paths alone, as every reader did before (a single trial, a live one read again).</summary>
    public static TrialFolder ByPath(string path) => new(path, null);

    /// <summary>A folder that did not open beneath out/log: every file of it missing, its time unknown (the earliest).</summary>
    internal static TrialFolder Lost(string path) => new(path, null, gone: true);

    /// <summary>The folder as <paramref name="handle"/> (an O_PATH descriptor of it, now owned by this).</summary>
    internal static TrialFolder Of(string path, SafeFileHandle handle, bool stamping = false) => new(path, handle) { Stamping = stamping };

    /// <summary>When the folder itself was last written (UTC; through a link within out/log, the folder it leads to).</summary>
    public DateTime LastWriteTimeUtc()
    {
        if (handle is not null && SafeFiles.Fstat(handle) is { } stat) return stat.Written;
        return gone ? default : Directory.GetLastWriteTimeUtc(Path);
    }

    /// <summary>A trial's own file's bytes, as <see cref="SafeFiles.ReadOwnBytes"/> reads them: a regular file, never a link.</summary>
    public byte[]? ReadOwn(string name) =>
        Open(name) switch
        {
            { Missing: true } => null,
            { File: { } f } => Bytes(f),
            _ => SafeFiles.ReadOwnBytes(System.IO.Path.Combine(Path, name)),
        };

    /// <summary>A file's bytes as <see cref="SafeFiles.ReadAll(string, string)"/> reads them beneath <paramref name="root"/> (a link within it followed).</summary>
    public byte[]? ReadBeneath(string root, string name) =>
        Open(name) switch
        {
            { Missing: true } => null,
            { File: { } f } => Bytes(f),
            _ => SafeFiles.ReadAll(root, System.IO.Path.Combine(Path, name)),
        };

    /// <summary>
    /// A file opened as <see cref="SafeFiles.OpenFollowing(string, string)"/> opens it beneath the out/log this folder of
    /// <paramref name="id"/> lies in (its handle, whether it is regular, its length: a link followed only while it stays
    /// beneath), and whether it is surely missing (no entry of that name at all: nothing to ask again).
    /// </summary>
    public ((SafeFileHandle Handle, bool Regular, long Length)? Opened, bool Missing) OpenFollowing(string name, TrialId id) =>
        Open(name) switch
        {
            { Missing: true } => (null, true),
            { File: { } f } => ((f.Handle, f.Regular, f.Length), false),
            _ => (SafeFiles.OpenFollowing(RootOf(id), System.IO.Path.Combine(Path, name)), false),
        };

    /// <summary>The out/log this folder of <paramref name="id"/> lies in; a folder laid out otherwise is its own.</summary>
    public string RootOf(TrialId id) => id.RootOf(Path) ?? Path;

    private static byte[]? Bytes((SafeFileHandle Handle, bool Regular, long Length, DateTime Written) f)
    {
        using (f.Handle) return f.Regular ? SafeFiles.ReadAll(f.Handle, f.Length) : null;
    }

    private const int ORead = 0, ONonBlock = 0x800, ONoFollow = 0x20000, OCloseOnExec = 0x80000, ENoEnt = 2;

    // One openat of a one-component name from the folder's descriptor, the last component not followed, a FIFO not
    // blocking it; then fstat. Missing: no such entry. Neither: the path readers decide (a link, an error, no descriptor).
    private ((SafeFileHandle Handle, bool Regular, long Length, DateTime Written)? File, bool Missing) Open(string name)
    {
        if (handle is null) return (null, gone);
        var fd = OpenAt(handle, name, ORead | ONonBlock | ONoFollow | OCloseOnExec, 0);
        if (fd < 0)
        {
            var missing = Marshal.GetLastPInvokeError() == ENoEnt;
            Record(name, missing ? Posix.FileStamp.Absent : null);
            return (null, missing);
        }
        var file = SafeFiles.Fstat(new SafeFileHandle(fd, ownsHandle: true), out var stamp);
        Record(name, stamp);
        return (file, false);
    }

    // The stamps of the files read, when asked for (see Stamping): a list reads three names per folder, one small array.
    private (string Name, Posix.FileStamp? Stamp)[]? read;
    private int reads;

    /// <summary>Whether the files opened through this folder are stamped as they are read (see <see cref="ReadStamp"/>).</summary>
    internal bool Stamping { get; init; }

    private void Record(string name, Posix.FileStamp? stamp)
    {
        if (!Stamping) return;
        read ??= new (string, Posix.FileStamp?)[4];
        // More opens than the array holds: the overflowing one is forgotten, and ReadStamp of it says nothing (null).
        if (reads < read.Length) read[reads] = (name, stamp);
        reads++;
    }

    /// <summary>
    /// What the file <paramref name="name"/> was when this folder last opened it: the stamp of the very file read (from the
    /// fstat of its descriptor), <see cref="Posix.FileStamp.Absent"/> when there was no entry of that name; null when it
    /// was not opened through the descriptor (a link, an error, never asked, not stamping) or is not a regular file.
    /// </summary>
    public Posix.FileStamp? ReadStamp(string name)
    {
        if (read is null || reads > read.Length) return null;
        Posix.FileStamp? found = null;
        var seen = false;
        foreach (var (n, s) in read.AsSpan(0, reads))
            if (n == name)
            {
                // Opened twice with two answers: nothing certain of it.
                if (seen && found != s) return null;
                (found, seen) = (s, true);
            }
        return found;
    }

    /// <summary>
    /// The stamp of the file <paramref name="name"/> now, by one statx relative to this folder's descriptor, the name not
    /// followed (see <see cref="Posix.FileStamp.Of(string)"/>: <see cref="Posix.FileStamp.Absent"/> when missing; null when
    /// it cannot be told, is no regular file, or the folder has no descriptor).
    /// </summary>
    public Posix.FileStamp? Stamp(string name)
    {
        if (handle is null) return null;
        Span<byte> path = stackalloc byte[256];
        if (System.Text.Encoding.UTF8.GetMaxByteCount(name.Length) + 1 > path.Length) return null;
        var n = System.Text.Encoding.UTF8.GetBytes(name, path);
        path[n] = 0;
        // Asked of the server on a network file system: a cached stamp would hide a change made on another node.
        var stamp = Posix.FileStamp.Relative((int)handle.DangerousGetHandle(), path[..(n + 1)], sync: true);
        GC.KeepAlive(handle);
        return stamp;
    }

    public void Dispose() => handle?.Dispose();

    /// <summary>openat(2) of a name relative to a folder's descriptor (-1 and errno on failure).</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenAt(SafeFileHandle dirfd, string path, int flags, int mode);
}
