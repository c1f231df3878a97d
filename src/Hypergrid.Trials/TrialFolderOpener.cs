namespace Hypergrid.Trials;

/// <summary>
/// Opens the trial folders of one scan of out/log as <see cref="TrialFolder"/>s: each trial folder once beneath the root
/// (openat2 RESOLVE_BENEATH, see <see cref="Posix.Beneath"/>; a link within out/log followed, as the path readers follow
/// it), its files then opened relative to it. A folder that does not open beneath the root (gone since it was listed,
/// or swapped for a link out of out/log, or a leaf swapped so) reads as holding nothing: never by paths, which would
/// follow the link out. It holds no descriptor between trials (a leaf kept open per scan ran a study of many leaves out
/// of descriptors). Off Linux, every folder is read by paths.
/// </summary>
public sealed class TrialFolderOpener(string root)
{
    /// <summary>Whether each folder opened stamps the files read through it (<see cref="TrialFolder.ReadStamp"/>): the trial list's index.</summary>
    public bool Stamping { get; init; }

    /// <summary>The trial folder at <paramref name="dir"/> (a path under the root); dispose it when its files are read.</summary>
    public TrialFolder Open(string dir)
    {
        if (!OperatingSystem.IsLinux() || SafeFiles.StatOffsets() is null) return TrialFolder.ByPath(dir);
        return Posix.Beneath.OpenFolder(root, dir) is { } handle ? TrialFolder.Of(dir, handle, Stamping) : TrialFolder.Lost(dir);
    }
}
