namespace Hypergrid.Trials;

/// <summary>The trial folders under out/log, as the dashboard and reports see them.</summary>
public static class TrialFolders
{
    /// <summary>
    /// out/log/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/&lt;trainer&gt;/trial_###, leaves in name order and trials in number order.
    /// The enumeration says which entries are links (no extra system call); only those have their real path
    /// checked, and one that leaves out/log is skipped.
    /// </summary>
    public static IEnumerable<string> Under(string logRoot) => Scan(logRoot).Trials;

    /// <summary>
    /// The trials (see <see cref="Under"/>) and the strays beside them from one walk of the tree (a report wants both, and
    /// a second walk of 10,000 folders was a tenth of its time). Strays are folders that look like a trial but are not
    /// (trial_0000, trial_01): ignored by every reader, named by reports.
    /// </summary>
    public static (List<string> Trials, List<string> Strays) Scan(string logRoot)
    {
        if (!Directory.Exists(logRoot)) return ([], []);
        IEnumerable<(string Name, string Full)> level = [("", Path.GetFullPath(logRoot))];
        // A folder whose name cannot be part of a trial's id (a control character, a backslash) holds no trials.
        for (var depth = 0; depth < 4; depth++)
            level = level.SelectMany(d => Inside(logRoot, d.Full)).Where(d => TrialId.IsName(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var (trials, strays) = (new List<string>(), new List<string>());
        foreach (var leaf in level)
        {
            var (numbers, dirs) = (new List<int>(), new List<string>());
            foreach (var t in Inside(logRoot, leaf.Full))
                if (TrialFiles.TryParseFolder(t.Name, out var n))
                {
                    numbers.Add(n);
                    dirs.Add(t.Full);
                }
                else if (t.Name.StartsWith("trial_", StringComparison.Ordinal)) strays.Add(Path.GetRelativePath(logRoot, t.Full).Replace('\\', '/'));
            // In number order: a leaf's numbers are distinct (one name per number), so an unstable sort of the numbers with
            // their folders gives the order a stable one would (a LINQ OrderBy of 100,000 pairs, in a list's serial part).
            var (keys, folders) = (numbers.ToArray(), dirs.ToArray());
            Array.Sort(keys, folders);
            trials.AddRange(folders);
        }
        strays.Sort(StringComparer.Ordinal);
        return (trials, strays);
    }

    // The folders in a folder (a link only when it leads to a folder within out/log), from readdir's types on Linux.
    private static IEnumerable<(string Name, string Full)> Inside(string logRoot, string dir)
    {
        if (!OperatingSystem.IsLinux())
            return new DirectoryInfo(dir).EnumerateDirectories()
                .Where(d => !d.Attributes.HasFlag(FileAttributes.ReparsePoint) || SafeFiles.Resolve(logRoot, d.FullName, folder: true) is not null)
                .Select(d => (d.Name, d.FullName));
        return Posix.Subfolders.Read(dir)
            .Select(e => (e.Name, Full: Path.Join(dir, e.Name), e.Kind))
            .Where(e => e.Kind == Posix.Subfolders.Kind.Folder || SafeFiles.Resolve(logRoot, e.Full, folder: true) is not null)
            .Select(e => (e.Name, e.Full));
    }
}
