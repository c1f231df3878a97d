namespace Hypergrid.Config.Tree;

/// <summary>Finds the leaves of a cfg tree and checks its shape (mode folders, depth).</summary>
public static class LeafFinder
{
    private const string FileName = Trials.TrialFiles.Config;

    public static IReadOnlyList<Leaf> Find(string cfgRoot, Filters filters, List<ConfigError> errors)
    {
        foreach (var mode in filters.Modes ?? [])
            if (!Modes.All.Contains(mode)) errors.Add(Errors.UnknownModeFilter(mode));
        if (!Directory.Exists(cfgRoot))
        {
            errors.Add(Errors.Unreadable(Display(cfgRoot), "the config folder does not exist (use --cfg DIR)"));
            return [];
        }

        var root = Path.GetFullPath(cfgRoot);
        var leaves = new List<Leaf>();
        var badModes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ConfigFiles(root, errors).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar);
            if (parts is ["."]) continue;
            if (!Modes.All.Contains(parts[0]))
            {
                badModes.TryAdd(parts[0], Display(file));
                continue;
            }
            if (parts.Length > 4) errors.Add(Errors.TooDeep(Display(file)));
            if (parts.Length != 4) continue;
            var leaf = new Leaf(parts[0], parts[1], parts[2], parts[3], Chain(root, parts));
            if (filters.Matches(leaf)) leaves.Add(leaf);
        }
        foreach (var (folder, first) in badModes) errors.Add(Errors.UnknownMode(folder, first));
        if (leaves.Count == 0 && errors.Count == 0) errors.Add(Errors.NoLeafMatches(Display(cfgRoot), filters.ToString()));
        return leaves;
    }

    /// <summary>
    /// Every cfg.yaml under the root, walked by hand: never through a link that leads out of the tree (a link to '/'
    /// would walk the whole disk), never deeper than one level past a leaf, and an unreadable folder is named, not thrown.
    /// </summary>
    private static List<string> ConfigFiles(string root, List<ConfigError> errors)
    {
        var found = new List<string>();
        var realRoot = new DirectoryInfo(root).ResolveLinkTarget(true)?.FullName ?? root;
        void Walk(string dir, int depth)
        {
            try
            {
                var file = Path.Combine(dir, FileName);
                if (File.Exists(file)) found.Add(file);
                if (depth > 4) return; // deeper files are reported by their parent's depth check
                foreach (var sub in Directory.EnumerateDirectories(dir))
                {
                    var info = new DirectoryInfo(sub);
                    if (info.LinkTarget is not null)
                    {
                        var target = info.ResolveLinkTarget(true)?.FullName;
                        var outside = target is null || !(target + "/").StartsWith(realRoot.TrimEnd('/') + "/", StringComparison.Ordinal);
                        var loop = target is not null && (Path.GetFullPath(dir) + "/").StartsWith(target.TrimEnd('/') + "/", StringComparison.Ordinal);
                        if (outside || loop)
                        {
                            errors.Add(outside ? Errors.LinkOutOfTree(Display(sub), target ?? info.LinkTarget) : Errors.LinkLoop(Display(sub), target!));
                            continue;
                        }
                    }
                    Walk(sub, depth + 1);
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                errors.Add(Errors.Unreadable(Display(dir), ex.Message));
            }
        }
        Walk(root, 0);
        return found;
    }

    private static List<ConfigFile> Chain(string root, string[] parts)
    {
        var chain = new List<ConfigFile>();
        for (var depth = 0; depth <= parts.Length; depth++)
        {
            var path = Path.Combine([root, .. parts[..depth], FileName]);
            if (File.Exists(path)) chain.Add(new ConfigFile(path, Display(path)));
        }
        return chain;
    }

    /// <summary>A path as the user would type it: relative to the working folder when inside it.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return rel.StartsWith("..", StringComparison.Ordinal) ? full : rel;
    }
}
