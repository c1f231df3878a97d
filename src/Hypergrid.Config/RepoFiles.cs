namespace Hypergrid.Config;

/// <summary>Finds files shipped with the repository (node_modules, dashboard/) from the working folder or the app's folder upward.</summary>
public static class RepoFiles
{
    /// <summary>The first existing folder that holds <paramref name="marker"/> at <paramref name="relativeFolder"/>, or null.</summary>
    public static string? FindFolder(string relativeFolder, string marker)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativeFolder);
                if (File.Exists(Path.Combine(candidate, marker))) return candidate;
            }
        return null;
    }
}
