using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials;

/// <summary>
/// Stamps the files of trial folders (<see cref="Posix.FileStamp"/>) a leaf at a time: the leaf is opened once beneath
/// the root (<see cref="Posix.Beneath.OpenFolder"/>, as <see cref="TrialFolderOpener"/> opens a trial folder) and each file stamped by
/// its two-component name relative to it ("trial_007/run.json"), the last component never followed. A report stamps
/// four files of every trial: by full paths, the kernel walked eight or more components from / for each of them, most
/// of each statx. A leaf that does not open beneath the root (gone, or swapped for a link out of it) stamps nothing
/// (null: cannot be told). Not thread-safe: one per thread; it holds one descriptor, its last leaf's, until disposed.
/// </summary>
public sealed class LeafStamper(string root) : IDisposable
{
    private string? leaf;
    private SafeFileHandle? handle;

    /// <summary>The stamp of <paramref name="name"/> in the trial folder <paramref name="trialDir"/> (a path under the root), as <see cref="Posix.FileStamp.Of(string)"/> tells it; null when it cannot be told.</summary>
    public Posix.FileStamp? Of(string trialDir, string name)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var dir = trialDir.AsSpan().TrimEnd('/');
        var slash = dir.LastIndexOf('/');
        if (slash <= 0) return null;
        if (Leaf(dir[..slash]) is not { } at) return null;
        var folder = dir[(slash + 1)..];
        Span<byte> path = stackalloc byte[512];
        var size = System.Text.Encoding.UTF8.GetMaxByteCount(folder.Length + name.Length + 1) + 1;
        if (size > path.Length) return null; // a name that long is no trial's
        var n = System.Text.Encoding.UTF8.GetBytes(folder, path);
        path[n++] = (byte)'/';
        n += System.Text.Encoding.UTF8.GetBytes(name, path[n..]);
        path[n] = 0;
        return Posix.FileStamp.Relative((int)at.DangerousGetHandle(), path);
    }

    // The leaf's descriptor, opened when the leaf is not the last one's (null: it does not open beneath the root).
    private SafeFileHandle? Leaf(ReadOnlySpan<char> path)
    {
        if (leaf is not null && path.SequenceEqual(leaf)) return handle;
        handle?.Dispose();
        leaf = path.ToString();
        return handle = Posix.Beneath.OpenFolder(root, leaf);
    }

    public void Dispose()
    {
        handle?.Dispose();
        (leaf, handle) = (null, null);
    }
}
