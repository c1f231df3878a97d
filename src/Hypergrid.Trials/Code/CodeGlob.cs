using System.IO.Enumeration;

namespace Hypergrid.Trials.Code;

/// <summary>
/// A <c>code:</c> glob, relative to the study folder: '/' between folders, <c>*</c> and <c>?</c> within one name,
/// <c>**</c> for any number of folders (<c>**/*.py</c>: every Python file). The walk never enters hidden folders
/// (.git, .venv), <c>__pycache__</c>, nor the folders given to skip (out/ and cfg/: results and config are not code),
/// and follows no folder link.
/// </summary>
public static class CodeGlob
{
    /// <summary>Why a glob cannot be used (absolute, or reaching out of the study with '..'), or null.</summary>
    public static string? Problem(string glob) =>
        glob.Length == 0 ? "is empty"
        : glob.StartsWith('/') || Path.IsPathRooted(glob) ? "is an absolute path; code globs are relative to the folder that holds cfg/"
        : glob.Split('/').Contains("..") ? "reaches out of the study folder with '..'"
        : null;

    /// <summary>Whether a relative path ('/' separated) matches the glob.</summary>
    public static bool Matches(string glob, string relativePath) => Match(glob.Split('/', StringSplitOptions.RemoveEmptyEntries), relativePath.Split('/'), 0, 0);

    private static bool Match(string[] pattern, string[] path, int p, int s)
    {
        if (p == pattern.Length) return s == path.Length;
        if (pattern[p] == "**")
        {
            for (var skip = s; skip <= path.Length; skip++)
                if (Match(pattern, path, p + 1, skip)) return true;
            return false;
        }
        return s < path.Length && FileSystemName.MatchesSimpleExpression(pattern[p], path[s], ignoreCase: false) && Match(pattern, path, p + 1, s + 1);
    }

    /// <summary>The files under <paramref name="root"/> matched by any of the globs, relative and '/' separated, sorted.</summary>
    public static SortedSet<string> Files(string root, IEnumerable<string> globs, IEnumerable<string> skip)
    {
        var list = globs.ToList();
        var skipped = skip.Select(d => Path.GetFullPath(d).TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root).TrimEnd('/'));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            foreach (var e in entries)
            {
                if (e is DirectoryInfo d)
                {
                    if (d.Name.StartsWith('.') || d.Name == "__pycache__" || d.LinkTarget is not null || skipped.Contains(d.FullName.TrimEnd('/'))) continue;
                    pending.Push(d.FullName);
                }
                else
                {
                    var relative = Path.GetRelativePath(root, e.FullName).Replace('\\', '/');
                    if (list.Any(g => Matches(g, relative))) found.Add(relative);
                }
            }
        }
        return found;
    }
}
