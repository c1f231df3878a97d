using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials;

/// <summary>
/// Opens the trial folders of one scan of out/log as <see cref="TrialFolder"/>s: each leaf (mode/dataset/model/trainer)
/// once beneath the root (openat2 RESOLVE_BENEATH, see <see cref="Posix.Beneath"/>), then each trial from its leaf's
/// descriptor by its own name, not following a link. A trial folder that is a link, or a leaf that cannot be opened, is
/// read by paths as before (the trial folders listed are already those that stay within out/log). Dispose it after the
/// scan: it holds the leaves' descriptors. Safe to use from many threads.
/// </summary>
public sealed class TrialFolderOpener(string root) : IDisposable
{
    private readonly ConcurrentDictionary<string, SafeFileHandle?> leaves = new(StringComparer.Ordinal);

    private const int OPath = 0x200000, ODirectory = 0x10000, ONoFollow = 0x20000, OCloseOnExec = 0x80000;

    /// <summary>The trial folder at <paramref name="dir"/> (a path under the root); by paths where it cannot be opened.</summary>
    public TrialFolder Open(string dir)
    {
        if (!OperatingSystem.IsLinux() || SafeFiles.StatOffsets() is null) return TrialFolder.ByPath(dir);
        var slash = dir.LastIndexOf('/');
        if (slash <= 0 || slash == dir.Length - 1) return TrialFolder.ByPath(dir);
        var leaf = leaves.GetOrAdd(dir[..slash], OpenLeaf);
        if (leaf is null) return TrialFolder.ByPath(dir);
        var fd = TrialFolder.OpenAt(leaf, dir[(slash + 1)..], OPath | ODirectory | ONoFollow | OCloseOnExec, 0);
        return fd < 0 ? TrialFolder.ByPath(dir) : TrialFolder.Of(dir, new SafeFileHandle(fd, ownsHandle: true));
    }

    // The leaf beneath the root, a link within it followed (as the path readers do); null: read its trials by paths.
    private SafeFileHandle? OpenLeaf(string leaf)
    {
        var fd = Posix.Beneath.Open(root, leaf, OPath | ODirectory, followLast: true, out _);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    public void Dispose()
    {
        foreach (var handle in leaves.Values) handle?.Dispose();
        leaves.Clear();
    }
}
