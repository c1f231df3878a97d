namespace Hypergrid.Dashboard.Api;

/// <summary>
/// Maps a request path onto a file under a root, refusing anything that could leave it: '.' and '..', absolute paths,
/// backslashes, control characters, and symlinks whose target lies outside the root. Any other name a file may have is
/// a name (a leaf is named by its cfg file: adam@hidden=256, a run of 2+3, résumé, keep50%). A path arrives decoded
/// once (the route's decoding, or a JSON string's) and is never decoded again, so an escape left in it ("%2e%2e") is
/// part of a name, not a way out.
/// </summary>
public static class SafePath
{
    public static string? Resolve(string root, string relative)
    {
        if (string.IsNullOrEmpty(relative) || relative.StartsWith('/') || relative.Contains('\\')) return null;
        var segments = relative.Split('/');
        if (segments.Any(s => !Hypergrid.Trials.TrialId.IsName(s))) return null;
        var realRoot = Real(Path.GetFullPath(root));
        var path = realRoot;
        foreach (var s in segments)
        {
            path = Path.Combine(path, s);
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !Under(Real(target), realRoot)) return null;
            path = target;
        }
        return Under(path, realRoot) ? path : null;
    }

    private static bool Under(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    // The root itself may sit behind a symlink (/tmp on some systems); compare real paths.
    private static string Real(string path)
    {
        var info = new DirectoryInfo(path);
        return info.LinkTarget is null ? info.FullName.TrimEnd('/') : (info.ResolveLinkTarget(true)?.FullName ?? path).TrimEnd('/');
    }
}
